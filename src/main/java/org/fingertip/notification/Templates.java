package org.fingertip.notification;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a notification says in the in-app inbox, and how its text is cut to fit WeChat's
 * subscribe-message field limits without becoming unreadable.
 */
public final class Templates {

  /** Title and body of an inbox message. */
  public record Rendered(String title, String body) {}

  private static final Map<String, String> TITLES =
      Map.ofEntries(
          Map.entry("PROXY_REQUESTED", "家人代办请求"),
          Map.entry("PROXY_ACTIVATED", "家人代办已生效"),
          Map.entry("PROXY_REJECTED", "家人代办请求被拒绝"),
          Map.entry("PROXY_SCOPES_CHANGED", "家人代办授权已调整"),
          Map.entry("PROXY_ENDED", "家人代办关系已解除"),
          Map.entry("MARRIAGE_LOTTERY_WON", "婚姻登记摇号中签"),
          Map.entry("MARRIAGE_LOTTERY_WAITLISTED", "婚姻登记摇号结果"),
          Map.entry("POLICY_NEW_MATCH", "政策找人：有新的可申请事项"));

  private Templates() {}

  public static Rendered render(String template, Map<String, Object> params) {
    String title =
        params.get("title") instanceof String t && !t.isBlank()
            ? t
            : TITLES.getOrDefault(template, "业务办理提醒");
    String body;
    if (params.get("body") instanceof String b && !b.isBlank()) {
      body = b;
    } else {
      body =
          switch (template) {
            case "PROXY_REQUESTED" ->
                params.getOrDefault("actorName", "您的家人")
                    + "（"
                    + params.getOrDefault("relation", "家人")
                    + "）申请为您代办业务，请在“家人代办”中确认。";
            case "PROXY_ACTIVATED" -> "代办关系已生效，可以为家人办理已授权的业务。";
            case "PROXY_REJECTED" -> "对方没有接受您的代办请求。";
            case "PROXY_SCOPES_CHANGED" -> "对方调整了您的代办授权范围。";
            case "PROXY_ENDED" -> "代办关系已解除。";
            case "MARRIAGE_LOTTERY_WON" ->
                "恭喜中签："
                    + params.getOrDefault("office", "婚姻登记处")
                    + " "
                    + params.getOrDefault("date", "")
                    + " "
                    + params.getOrDefault("service", "")
                    + "，请在 "
                    + params.getOrDefault("confirmUntil", "确认期限")
                    + " 前确认，逾期名额将顺延给候补者。";
            case "MARRIAGE_LOTTERY_WAITLISTED" ->
                "很遗憾未中签："
                    + params.getOrDefault("office", "婚姻登记处")
                    + " "
                    + params.getOrDefault("date", "")
                    + " 的摇号，您已按摇号顺序进入候补队列，有名额时将通知您。";
            case "POLICY_NEW_MATCH" -> newMatch(params);
            default ->
                params.entrySet().stream()
                    .filter(e -> e.getValue() != null)
                    .map(e -> String.valueOf(e.getValue()))
                    .collect(Collectors.joining("，"));
          };
      if (body.isBlank()) {
        body = "您有一条新的业务通知，请打开查看。";
      }
    }
    return new Rendered(title, body);
  }

  /** 政策找人: "根据您保存的家庭情况，您家可能符合“最低生活保障”的条件：宿迁市最低生活保障标准自 2030-01-01 起为 900.00 元/月。预计每月 810.00 元。…" */
  private static String newMatch(Map<String, Object> p) {
    StringBuilder sb =
        new StringBuilder("根据您保存的家庭情况，您家可能符合“")
            .append(p.getOrDefault("itemName", p.getOrDefault("itemCode", "")))
            .append("”的条件");
    if (p.get("standardLabel") != null) {
      sb.append("：")
          .append(p.get("setByRegion") == null ? "" : p.get("setByRegion"))
          .append(p.get("standardLabel"))
          .append("自 ")
          .append(p.getOrDefault("effectiveFrom", p.get("asOf")))
          .append(" 起为 ")
          .append(p.get("standardAmount"));
    } else if (p.get("asOf") != null) {
      sb.append("（自 ").append(p.get("asOf")).append(" 起）");
    }
    sb.append("。");
    if (p.get("estimatedMonthly") != null) {
      sb.append("预计每月 ").append(p.get("estimatedMonthly")).append("。");
    }
    return sb.append("测算仅供参考，可在“政策找人”中查看依据并申请，结果以经办机构审核为准。").toString();
  }

  /**
   * Cuts a value to what a subscribe-message key type accepts (thing ≤ 20 characters, name ≤ 10,
   * phrase ≤ 5, character_string/number/letter ≤ 32, symbol ≤ 5), ending a cut text with "…" so the
   * reader sees it goes on.
   */
  public static String fit(String key, String value) {
    if (value == null) {
      return "";
    }
    String type = key.replaceAll("\\d+$", "");
    int max =
        switch (type) {
          case "thing" -> 20;
          case "name" -> 10;
          case "phrase", "symbol" -> 5;
          case "character_string", "number", "letter" -> 32;
          case "phone_number" -> 17;
          case "car_number" -> 8;
          default -> Integer.MAX_VALUE;
        };
    int[] cps = value.codePoints().toArray();
    if (cps.length <= max) {
      return value;
    }
    if (type.equals("phrase")
        || type.equals("symbol")
        || type.equals("character_string")
        || type.equals("number")
        || type.equals("letter")) {
      return new String(cps, 0, max);
    }
    return new String(cps, 0, max - 1) + "…";
  }
}
