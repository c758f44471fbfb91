package cn.qingdao.peipao.api.cli;

/** The command line was wrong; the message says how. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
