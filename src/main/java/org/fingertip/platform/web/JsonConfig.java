package org.fingertip.platform.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * JSON as clients expect it: instants in ISO 8601 with the +08:00 offset of Asia/Shanghai, and
 * unknown fields refused rather than silently dropped (a misspelt field is a client bug to see).
 */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {

  /** Last, after Quarkus registers the stock JavaTimeModule, whose Instant writer would win. */
  @Override
  public int priority() {
    return MINIMUM_PRIORITY;
  }

  @Override
  public void customize(ObjectMapper mapper) {
    SimpleModule module = new SimpleModule("fingertip-time");
    module.addSerializer(
        Instant.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            gen.writeString(
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value.atZone(AppClock.ZONE)));
          }
        });
    mapper.registerModule(module);
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    // one JSON document per body: "{...}{...}" or "{...} garbage" is refused, not half-read
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }
}
