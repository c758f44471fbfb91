package cn.qingdao.peipao.datasets;

import cn.qingdao.peipao.core.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The programme's named event series as the sources name them (创业第一课, 马兰花, 源来好创业, 青创四季, 百企加速营,
 * roadshows and the 创·在青岛 competition) with synthetic dates around {@code today}: a few past, most
 * ahead, one whose sign-up closed, one cancelled, one with few seats and a waitlist. Names say 合成
 * where the date, place or seats are made up. Deterministic for a given day.
 */
public final class DemoEvents {
  private DemoEvents() {}

  private record Template(
      String id,
      String name,
      String kind,
      String series,
      String organiser,
      String district,
      List<String> sectors,
      List<String> stages,
      List<String> needs,
      int daysAhead,
      int hour,
      int hours,
      Integer capacity,
      boolean waitlist,
      String status,
      String description) {}

  private static final List<Template> TEMPLATES =
      List.of(
          new Template(
              "ev-first-lesson-pingdu",
              "“创业第一课”公益培训大讲堂（合成·平度场）",
              "first_lesson",
              "创业第一课",
              "平度市人力资源和社会保障局",
              "pingdu",
              List.of("agriculture"),
              List.of("seed"),
              List.of("training", "policy"),
              5,
              9,
              3,
              80,
              false,
              "open",
              "基层“创业第一课”公益培训，政策宣讲与创业基础课程。"),
          new Template(
              "ev-malanhua-camp",
              "“马兰花”创业培训（合成·第12期）",
              "training",
              "马兰花",
              "青岛市人力资源和社会保障局",
              "shibei",
              List.of(),
              List.of("seed", "startup"),
              List.of("training"),
              12,
              9,
              8,
              40,
              true,
              "open",
              "“马兰花”计划公益培训课堂，商业模式、财务与营销实训。"),
          new Template(
              "ev-yuanlai-roadshow",
              "“源来好创业”融资路演（合成·人工智能专场）",
              "roadshow",
              "源来好创业",
              "青岛市人力资源和社会保障局",
              "laoshan",
              List.of("ai", "ngit"),
              List.of("seed", "startup", "growth"),
              List.of("capital", "finance"),
              9,
              14,
              3,
              12,
              true,
              "open",
              "资源对接服务季：融资路演、供应链洽谈对接平台。"),
          new Template(
              "ev-qingchuang-spring",
              "“青创四季”创业沙龙（合成·海洋经济）",
              "salon",
              "青创四季",
              "青岛市创业赋能中心",
              "shinan",
              List.of("marine"),
              List.of("seed", "startup"),
              List.of("market", "industry"),
              3,
              15,
              2,
              60,
              false,
              "open",
              "“青创四季”系列创业服务活动，行业沙龙与资源对接。"),
          new Template(
              "ev-accelerator-camp",
              "青岛创业城市合伙人百企加速营（合成·第3期）",
              "training",
              "百企加速营",
              "青岛市人力资源和社会保障局",
              "chengyang",
              List.of(),
              List.of("startup", "growth"),
              List.of("training", "market", "capital"),
              20,
              9,
              8,
              100,
              false,
              "open",
              "选拔有持续发展和领军潜力的小微企业和初创企业经营者参加，提升综合竞争力。"),
          new Template(
              "ev-competition-final",
              "“创·在青岛”创新创业大赛决赛（合成）",
              "competition",
              "创·在青岛",
              "青岛市人力资源和社会保障局",
              "xihaian",
              List.of(),
              List.of("seed", "startup", "growth"),
              List.of("capital", "policy"),
              30,
              9,
              8,
              200,
              false,
              "open",
              "以赛促创：优秀项目优先入驻园区并享受相关优惠政策。"),
          new Template(
              "ev-park-roadshow-q",
              "园区季度创业项目路演（合成·少海汇）",
              "roadshow",
              "园区路演",
              "少海汇创客+创业孵化基地",
              "jiaozhou",
              List.of("smart_appliance"),
              List.of("seed", "startup"),
              List.of("capital", "space"),
              7,
              14,
              2,
              30,
              false,
              "open",
              "高能级园区每季度至少举办1场创业项目路演。"),
          new Template(
              "ev-mentor-visit-licang",
              "导师基层行·李沧站（合成）",
              "mentor_visit",
              "导师基层行",
              "青岛市创业赋能中心",
              "licang",
              List.of(),
              List.of("seed", "startup"),
              List.of("training", "market", "policy"),
              2,
              9,
              4,
              25,
              false,
              "open",
              "创业导师深入基层，一对一诊断与政策找人。"),
          new Template(
              "ev-salon-closed",
              "跨境电商创业沙龙（合成·报名已截止）",
              "salon",
              "青创四季",
              "青岛市创业赋能中心",
              "shibei",
              List.of("modern_services"),
              List.of("seed", "startup"),
              List.of("market"),
              1,
              19,
              2,
              50,
              false,
              "open",
              "报名截止早于活动开始的示例。"),
          new Template(
              "ev-cancelled",
              "低空经济项目对接会（合成·已取消）",
              "salon",
              null,
              "青岛市创业赋能中心",
              "jimo",
              List.of("low_altitude"),
              List.of("startup"),
              List.of("industry"),
              8,
              14,
              2,
              40,
              false,
              "cancelled",
              "已取消活动的示例。"),
          new Template(
              "ev-past-lesson",
              "“创业第一课”公益培训（合成·上月）",
              "first_lesson",
              "创业第一课",
              "青岛市人力资源和社会保障局",
              "jiaozhou",
              List.of(),
              List.of("seed"),
              List.of("training"),
              -20,
              9,
              3,
              60,
              false,
              "closed",
              "已结束活动的示例。"));

  /** The demo events around {@code today} (Beijing), as entity JSON. */
  public static List<ObjectNode> around(LocalDate today) {
    ZoneId beijing = ZoneId.of("Asia/Shanghai");
    List<ObjectNode> out = new ArrayList<>();
    for (Template t : TEMPLATES) {
      ZonedDateTime start = today.plusDays(t.daysAhead()).atTime(t.hour(), 0).atZone(beijing);
      ObjectNode o = Json.mapper().createObjectNode();
      o.put("id", t.id());
      o.put("name", t.name());
      o.put("description", t.description());
      o.set("tags", Json.mapper().createArrayNode().add("合成"));
      o.put("kind", t.kind());
      if (t.series() != null) o.put("series", t.series());
      ObjectNode org = o.putObject("organiser");
      if (t.organiser().startsWith("少海汇")) {
        org.put("type", "parks");
        org.put("id", "k-shaohaihui");
      } else {
        org.put("type", "gov");
      }
      org.put("name", t.organiser());
      o.set("sectors", array(t.sectors()));
      o.set("stages", array(t.stages()));
      o.putObject("location").put("district", t.district());
      o.set("needs", array(t.needs()));
      o.put("start", start.toOffsetDateTime().toString());
      o.put("end", start.plusHours(t.hours()).toOffsetDateTime().toString());
      // sign-up closes the day before; the "closed" example closed two days ago
      ZonedDateTime deadline =
          t.id().equals("ev-salon-closed")
              ? today.minusDays(2).atTime(18, 0).atZone(beijing)
              : start.minusDays(1).withHour(18);
      if (deadline.isAfter(start)) deadline = start;
      o.put("registrationDeadline", deadline.toOffsetDateTime().toString());
      if (t.capacity() != null) o.put("capacity", t.capacity());
      o.put("waitlist", t.waitlist());
      o.put("status", t.status());
      out.add(o);
    }
    return out;
  }

  private static ArrayNode array(List<String> values) {
    ArrayNode a = Json.mapper().createArrayNode();
    values.forEach(a::add);
    return a;
  }
}
