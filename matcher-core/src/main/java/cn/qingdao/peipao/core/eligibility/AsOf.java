package cn.qingdao.peipao.core.eligibility;

import java.time.LocalDate;

/** The evaluation date, with the forms conditions read it in. */
public record AsOf(LocalDate date, long epochDay, int year) {
  public static AsOf of(LocalDate date) {
    return new AsOf(date, date.toEpochDay(), date.getYear());
  }
}
