package org.fingertip.assistance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** Reads and writes the JSON documents kept in text columns (materials, schema, answers). */
@ApplicationScoped
public class AssistanceJson {

  private static final TypeReference<List<Material>> MATERIALS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> ANSWERS = new TypeReference<>() {};
  private static final TypeReference<List<Household.Member>> MEMBERS = new TypeReference<>() {};
  private static final TypeReference<List<Household.MaskedMember>> MASKED =
      new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final ObjectMapper mapper;

  public AssistanceJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public List<Material> materials(AssistanceItem item) {
    return read(item.materials, MATERIALS);
  }

  public FormSchema schema(AssistanceItem item) {
    return read(item.formSchema, new TypeReference<FormSchema>() {});
  }

  public Map<String, Object> answers(String json) {
    return read(json, ANSWERS);
  }

  public List<Household.Member> members(String json) {
    return read(json, MEMBERS);
  }

  public List<Household.MaskedMember> masked(String json) {
    return read(json, MASKED);
  }

  public List<String> strings(String json) {
    return read(json, STRINGS);
  }

  public String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not serialisable", e);
    }
  }

  private <T> T read(String json, TypeReference<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is malformed", e);
    }
  }
}
