package cn.qingdao.peipao.core.json;

/** One problem of an input: the dotted field path (e.g. {@code location.district}) and why. */
public record FieldError(String field, String message) {
  @Override
  public String toString() {
    return field.isEmpty() ? message : field + ": " + message;
  }
}
