package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.json.FieldError;
import java.util.List;

/** A client error with its HTTP status, answered as a problem document. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final transient List<FieldError> errors;

  public ApiException(int status, String detail, List<FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  public ApiException(int status, String detail) {
    this(status, detail, List.of());
  }

  /** A 400 naming one bad field. */
  public static ApiException badField(String field, String message) {
    return new ApiException(400, field + ": " + message, List.of(new FieldError(field, message)));
  }

  /** A 401: the caller must (re)authenticate; answered with {@code WWW-Authenticate: Bearer}. */
  public static ApiException unauthorized(String detail) {
    return new ApiException(401, detail);
  }

  public int status() {
    return status;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
