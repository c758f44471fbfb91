package cn.qingdao.peipao.core.feedback;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a user did with a recommended item, from seeing it to an outcome. */
public enum FeedbackAction {
  IMPRESSION,
  CLICK,
  CONTACT,
  ACCEPT,
  REJECT,
  MEETING_HELD,
  LOAN_GRANTED,
  MOVED_IN;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<FeedbackAction> of(String code) {
    return Arrays.stream(values()).filter(a -> a.code().equals(code)).findFirst();
  }

  public static List<String> codes() {
    return Arrays.stream(values()).map(FeedbackAction::code).toList();
  }

  /** Whether the action says the pair suits (used as a positive label when learning). */
  public boolean positive() {
    return this == ACCEPT || this == MEETING_HELD || this == LOAN_GRANTED || this == MOVED_IN;
  }
}
