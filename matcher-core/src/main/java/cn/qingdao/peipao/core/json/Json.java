package cn.qingdao.peipao.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The one JSON configuration of the service: strict parsing (duplicate keys, trailing tokens and
 * deep nesting are errors), ISO dates, nulls left out on output.
 */
public final class Json {
  /** Deepest nesting accepted in any input document. */
  public static final int MAX_NESTING = 32;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_NESTING)
                          .maxNumberLength(100)
                          .maxStringLength(10_000_000)
                          .build())
                  // an emoji as its four UTF-8 bytes, as the text form writes it, not as an
                  // escaped surrogate pair: writeBytes gives the same bytes as write
                  .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                  .build())
          .addModule(new JavaTimeModule())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private Json() {}

  /** The shared mapper; thread-safe. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Parses one JSON document.
   *
   * @throws ValidationException naming the line and column of malformed input
   */
  public static JsonNode parse(byte[] utf8) {
    return parseText(Utf8.strict(utf8));
  }

  /**
   * Parses one JSON document given as text (already decoded: stored JSON, lines of an import), with
   * the same checks as {@link #parse(byte[])} but without encoding it to bytes and decoding it
   * back.
   */
  public static JsonNode parse(String text) {
    return parseText(Utf8.strict(text));
  }

  private static JsonNode parseText(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw ValidationException.of("", "the body is empty; send a JSON document");
      }
      Utf8.checkText(node, "");
      return node;
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw ValidationException.of("", "malformed JSON: " + e.getMessage());
    }
  }

  private static ValidationException malformed(JsonProcessingException e) {
    String where =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    return ValidationException.of(
        "", "malformed JSON" + where + ": " + plain(e.getOriginalMessage()));
  }

  /**
   * The parser's complaint in the client's terms: what is wrong with the document, without the
   * parser's class and feature names (they say nothing to a client and describe our internals).
   */
  static String plain(String message) {
    String m = message == null ? "" : message;
    if (m.contains("nesting depth")) return "nested deeper than " + MAX_NESTING + " levels";
    if (m.contains("Trailing token") || m.contains("FAIL_ON_TRAILING_TOKENS"))
      return "more than one JSON value: send exactly one document";
    if (m.contains("Non-standard token") || m.contains("ALLOW_NON_NUMERIC_NUMBERS"))
      return "NaN and Infinity are not JSON numbers";
    if (m.contains("Duplicate field")) {
      int q = m.indexOf('\'');
      int r = q < 0 ? -1 : m.indexOf('\'', q + 1);
      return r > q ? "duplicate field " + m.substring(q, r + 1) : "a field is given twice";
    }
    if (m.contains("Number") && m.contains("length")) return "a number is too long";
    if (m.contains("String value length")) return "a string is too long";
    // whatever else: the first sentence, with backquoted internals left out
    String first = m.split("\n")[0];
    int cut = first.indexOf(" (");
    if (cut > 0 && first.contains("`")) first = first.substring(0, cut);
    return first.replaceAll("`[^`]*`", "a value");
  }

  /**
   * {@link #write} as UTF-8 bytes, written so by the generator: no string to build and encode again
   * (an answer of Chinese text is a UTF-16 string until then).
   */
  public static byte[] writeBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /** Compact JSON text of a value. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }
}
