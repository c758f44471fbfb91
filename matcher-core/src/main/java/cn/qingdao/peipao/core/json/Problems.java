package cn.qingdao.peipao.core.json;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one input so that all are reported at once. Not thread-safe. */
public final class Problems {
  private final List<FieldError> errors = new ArrayList<>();

  public void add(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  /** How many problems so far. */
  public int size() {
    return errors.size();
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  public List<FieldError> errors() {
    return List.copyOf(errors);
  }

  /** Throws a {@link ValidationException} with every problem collected so far, if any. */
  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }
}
