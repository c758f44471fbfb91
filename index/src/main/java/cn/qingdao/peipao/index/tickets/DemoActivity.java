package cn.qingdao.peipao.index.tickets;

import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Mentor;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.store.OutreachStore;
import cn.qingdao.peipao.index.store.TicketStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * A plausible year of accompaniment on the synthetic ecosystem, so that the ledger and the console
 * show real shapes on first start: needs raised through every channel, most answered (some late),
 * many resolved and rated, sessions logged, policies followed up. Seeded; every ticket's text and
 * every session's topic starts with （合成） and the actor is {@code demo-synthetic}.
 */
public final class DemoActivity {
  public static final String ACTOR = "demo-synthetic";
  static final String MARK = "（合成）";

  private static final String[] NEEDS_TEXT = {
    "需要对接银行办理创业担保贷款",
    "希望找到首批客户",
    "寻找天使投资",
    "需要一间办公场地",
    "想了解可申报的政策",
    "招聘技术骨干",
    "需要代理记账和工商变更",
    "希望参加创业培训",
  };

  private DemoActivity() {}

  /** How much was generated. */
  public record Counts(int tickets, int sessions, int outreach) {}

  /**
   * Writes a year ending {@code now} of synthetic activity in one transaction; O(tickets).
   *
   * @param seed the same seed gives the same year
   */
  public static Counts generate(
      Catalog catalog, Taxonomy taxonomy, TicketSla sla, long seed, Instant now) {
    Random rnd = new Random(seed);
    List<Project> projects = new ArrayList<>();
    for (int i = 1; i <= 400; i++)
      catalog
          .entity(EntityType.PROJECTS, String.format("syn-p-%05d", i))
          .map(e -> (Project) e)
          .filter(p -> "active".equals(p.status()))
          .ifPresent(projects::add);
    List<Mentor> mentors = new ArrayList<>();
    for (int i = 1; i <= 120; i++)
      catalog
          .entity(EntityType.MENTORS, String.format("syn-m-%05d", i))
          .ifPresent(e -> mentors.add((Mentor) e));
    List<String> needs = taxonomy.services().stream().map(s -> s.code()).toList();
    int[] counts = new int[3];
    catalog.writeLogged(
        tx -> {
          for (int i = 0; i < 600 && !projects.isEmpty(); i++) {
            Project p = projects.get(rnd.nextInt(projects.size()));
            String need =
                p.needs().isEmpty() || rnd.nextInt(4) == 0
                    ? needs.get(rnd.nextInt(needs.size()))
                    : p.needs().get(rnd.nextInt(p.needs().size()));
            Instant created = now.minus(Duration.ofMinutes(rnd.nextInt(365 * 24 * 60)));
            String channel = Tickets.CHANNELS.get(rnd.nextInt(Tickets.CHANNELS.size()));
            if (channel.equals("alert")) channel = "portal"; // alert tickets come from growth files
            Instant due = created.plus(sla.of(need));
            List<Mentor> offering =
                mentors.stream().filter(m -> m.services().contains(need)).toList();
            String status = "open";
            String responder = null;
            Instant first = null;
            Instant resolved = null;
            Instant closed = null;
            String outcome = null;
            Integer rating = null;
            List<String[]> events = new ArrayList<>();
            events.add(new String[] {created.toString(), "open", null, "open"});
            int fate = rnd.nextInt(20);
            if (!offering.isEmpty() && fate > 0) {
              responder = offering.get(rnd.nextInt(offering.size())).id();
              Instant assigned = created.plus(Duration.ofMinutes(10 + rnd.nextInt(600)));
              status = "assigned";
              events.add(new String[] {assigned.toString(), "assign", "open", "assigned"});
              if (fate > 2) {
                // most answers inside the SLA, one in ten late
                long slaMinutes = sla.of(need).toMinutes();
                long delay =
                    rnd.nextInt(10) == 0
                        ? slaMinutes + rnd.nextInt((int) slaMinutes)
                        : rnd.nextInt((int) Math.max(1, slaMinutes - 30));
                first = assigned.plus(Duration.ofMinutes(delay));
                if (first.isAfter(now)) first = null;
              }
              if (first != null) {
                status = "responded";
                events.add(new String[] {first.toString(), "respond", "assigned", "responded"});
                if (fate > 5) {
                  resolved = first.plus(Duration.ofHours(1 + rnd.nextInt(24 * 20)));
                  if (resolved.isAfter(now)) resolved = null;
                }
                if (resolved != null) {
                  status = "resolved";
                  outcome = MARK + "已完成对接";
                  events.add(
                      new String[] {resolved.toString(), "resolve", "responded", "resolved"});
                  if (rnd.nextInt(3) > 0) rating = 3 + rnd.nextInt(3);
                  if (fate > 10) {
                    closed = resolved.plus(Duration.ofDays(1 + rnd.nextInt(5)));
                    if (closed.isAfter(now)) closed = null;
                    else {
                      status = "closed";
                      events.add(new String[] {closed.toString(), "close", "resolved", "closed"});
                    }
                  }
                }
              }
            }
            String id = "t-demo-" + HexFormat.of().toHexDigits(i).substring(4);
            String text = MARK + NEEDS_TEXT[rnd.nextInt(NEEDS_TEXT.length)];
            TicketStore.put(
                tx,
                new TicketStore.Row(
                    id,
                    p.id(),
                    need,
                    text,
                    channel,
                    status,
                    responder == null ? null : "mentors",
                    responder,
                    created,
                    ACTOR,
                    due,
                    first,
                    resolved,
                    closed,
                    outcome,
                    rating,
                    events.size()));
            for (String[] e : events)
              TicketStore.event(tx, id, Instant.parse(e[0]), ACTOR, e[1], e[2], e[3], null);
            counts[0]++;
            if (responder != null && first != null) {
              String mentor = responder;
              LocalDate day = LocalDate.ofInstant(first, Ledger.ZONE);
              TicketStore.addSession(
                  tx,
                  new TicketStore.Session(
                      0,
                      mentor,
                      p.id(),
                      day,
                      0.5 + rnd.nextInt(6) / 2.0,
                      MARK + "陪跑辅导",
                      null,
                      first,
                      ACTOR));
              counts[1]++;
            }
          }
          for (int i = 0; i < 150 && !projects.isEmpty(); i++) {
            Project p = projects.get(rnd.nextInt(projects.size()));
            String policy = rnd.nextBoolean() ? "pol-cdb-personal" : "pol-free-space-graduates";
            Instant at = now.minus(Duration.ofMinutes(rnd.nextInt(300 * 24 * 60)));
            OutreachStore.add(
                tx, new OutreachStore.Step(0, policy, p.id(), "contacted", null, at, ACTOR));
            counts[2]++;
            if (rnd.nextInt(3) > 0) {
              at = at.plus(Duration.ofDays(1 + rnd.nextInt(20)));
              if (at.isAfter(now)) continue;
              OutreachStore.add(
                  tx, new OutreachStore.Step(0, policy, p.id(), "applied", null, at, ACTOR));
              counts[2]++;
              at = at.plus(Duration.ofDays(1 + rnd.nextInt(30)));
              if (at.isAfter(now)) continue;
              boolean granted = rnd.nextInt(4) > 0;
              Long amount =
                  granted && policy.equals("pol-cdb-personal")
                      ? 10_000L * (5 + rnd.nextInt(26))
                      : null;
              OutreachStore.add(
                  tx,
                  new OutreachStore.Step(
                      0, policy, p.id(), granted ? "granted" : "declined", amount, at, ACTOR));
              counts[2]++;
            }
          }
          return null;
        });
    return new Counts(counts[0], counts[1], counts[2]);
  }
}
