package cn.qingdao.peipao.index.tickets;

import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityNotFoundException;
import cn.qingdao.peipao.index.store.Assignment;
import cn.qingdao.peipao.index.store.TicketStore;
import cn.qingdao.peipao.index.store.TicketStore.Session;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A mentor's service log (sessions with projects) and performance — how fast it first answers its
 * tickets, how many it answered and resolved, its sessions and hours, the projects it accompanied
 * and the founders' mean rating: the basis of 创业陪跑先锋. Figures are computed from the stored rows on
 * each request; O(tickets + sessions + assignments of the mentor).
 */
public final class ServiceLog {
  private final Catalog catalog;

  public ServiceLog(Catalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Logs a session.
   *
   * @throws EntityNotFoundException when the mentor does not exist
   * @throws ValidationException naming the field for an unknown project, a future date or hours
   *     outside (0, 24]
   */
  public Session log(
      String mentorId,
      String projectId,
      LocalDate date,
      double hours,
      String topic,
      String outcome,
      String actor) {
    if (catalog.get(EntityType.MENTORS, mentorId).isEmpty())
      throw new EntityNotFoundException(EntityType.MENTORS, mentorId);
    if (catalog.get(EntityType.PROJECTS, projectId).isEmpty())
      throw ValidationException.of("projectId", "no projects with id '" + projectId + "'");
    LocalDate today = LocalDate.ofInstant(catalog.clock().instant(), Ledger.ZONE); // Qingdao's date
    if (date.isAfter(today))
      throw ValidationException.of("date", "must not be after today (" + today + ")");
    if (!(hours >= 0.1 && hours <= 24))
      throw ValidationException.of(
          "hours", "must be between 0.1 (six minutes) and 24 (got " + hours + ")");
    Instant now = catalog.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    return catalog.writeLogged(
        tx -> {
          Session s = new Session(0, mentorId, projectId, date, hours, topic, outcome, now, actor);
          long id = TicketStore.addSession(tx, s);
          return new Session(id, mentorId, projectId, date, hours, topic, outcome, now, actor);
        });
  }

  public List<Session> sessions(String mentorId) {
    if (catalog.get(EntityType.MENTORS, mentorId).isEmpty())
      throw new EntityNotFoundException(EntityType.MENTORS, mentorId);
    return catalog.tickets().sessions(mentorId);
  }

  /** Hours to first response: the median and the 90th percentile (nearest rank); null if none. */
  public record Percentiles(Double p50, Double p90) {}

  /** A mentor's indicators. */
  public record Performance(
      String mentorId,
      int ticketsAssigned,
      int ticketsAnswered,
      int ticketsResolved,
      Percentiles firstResponseHours,
      Double onTimeRate,
      int sessions,
      double sessionHours,
      int projectsAccompanied,
      Double meanRating,
      int ratings) {}

  public Performance performance(String mentorId) {
    List<Session> sessions = sessions(mentorId);
    List<TicketStore.Row> tickets = catalog.tickets().ofResponder(mentorId);
    List<Double> firstHours = new ArrayList<>();
    int answered = 0;
    int resolved = 0;
    int onTime = 0;
    int rated = 0;
    double ratingSum = 0;
    for (TicketStore.Row t : tickets) {
      if (t.firstResponseAt() != null) {
        answered++;
        firstHours.add(Duration.between(t.createdAt(), t.firstResponseAt()).toMillis() / 3.6e6);
        if (!t.firstResponseAt().isAfter(t.dueAt())) onTime++;
      }
      if (t.resolvedAt() != null || t.status().equals("closed")) resolved++;
      if (t.rating() != null) {
        rated++;
        ratingSum += t.rating();
      }
    }
    Set<String> projects = new TreeSet<>();
    for (Session s : sessions) projects.add(s.projectId());
    for (Assignment a : catalog.assignments().assignmentsOf(EntityType.MENTORS, mentorId, false))
      projects.add(a.projectId());
    double hours = sessions.stream().mapToDouble(Session::hours).sum();
    return new Performance(
        mentorId,
        tickets.size(),
        answered,
        resolved,
        new Percentiles(percentile(firstHours, 0.5), percentile(firstHours, 0.9)),
        answered == 0 ? null : round(onTime / (double) answered),
        sessions.size(),
        round(hours),
        projects.size(),
        rated == 0 ? null : round(ratingSum / rated),
        rated);
  }

  /** Nearest-rank percentile of {@code values} (null when empty), in hours to two decimals. */
  static Double percentile(List<Double> values, double p) {
    if (values.isEmpty()) return null;
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int rank = (int) Math.ceil(p * sorted.size());
    return round(sorted.get(Math.max(rank, 1) - 1));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
