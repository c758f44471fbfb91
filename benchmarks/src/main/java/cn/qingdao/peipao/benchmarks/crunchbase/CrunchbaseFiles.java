package cn.qingdao.peipao.benchmarks.crunchbase;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the three files of the export that the evaluation needs: the investment edges, the company
 * metadata and the funding rounds (for round types). Handles the export's quirks: CR line endings,
 * stray non-UTF-8 bytes (replaced), duplicate edges (kept once), blank investor names or dates
 * (skipped and counted).
 */
public final class CrunchbaseFiles {
  public static final String INVESTMENTS = "investments_company_investor_80k.csv";
  public static final String COMPANIES = "crunchbase-companies.csv";
  public static final String ROUNDS = "crunchbase-rounds.csv";

  private CrunchbaseFiles() {}

  /** One company → investor investment. {@code amountUsd} is the round's amount, -1 if blank. */
  public record Investment(String company, String investor, LocalDate date, long amountUsd) {}

  /** A company's metadata; blank fields are empty strings. */
  public record Company(String name, String category, String state, String region, String city) {}

  /**
   * What was read.
   *
   * @param roundTypes round type by company name and date ({@code name|yyyy-mm-dd})
   * @param skipped edges left out, by reason
   */
  public record Data(
      List<Investment> investments,
      Map<String, Company> companies,
      Map<String, String> roundTypes,
      Map<String, Integer> skipped) {}

  /** Reads the export in {@code dir}; fails naming the missing file. */
  public static Data read(Path dir) throws IOException {
    Map<String, Integer> skipped = new HashMap<>();
    Set<Investment> edges = new LinkedHashSet<>();
    for (Map<String, String> r : rows(dir.resolve(INVESTMENTS))) {
      String company = r.getOrDefault("company_name", "").strip();
      String investor = r.getOrDefault("investor_name", "").strip();
      LocalDate date = date(r.get("funded_when"));
      if (company.isEmpty() || investor.isEmpty()) {
        skipped.merge("blank company or investor name", 1, Integer::sum);
      } else if (date == null) {
        skipped.merge("blank or bad date", 1, Integer::sum);
      } else if (!edges.add(new Investment(company, investor, date, amount(r.get("amount_usd"))))) {
        skipped.merge("duplicate", 1, Integer::sum);
      }
    }
    Map<String, Company> companies = new HashMap<>();
    for (Map<String, String> r : rows(dir.resolve(COMPANIES))) {
      String name = r.getOrDefault("name", "").strip();
      if (name.isEmpty()) continue;
      companies.putIfAbsent(
          name,
          new Company(
              name,
              r.getOrDefault("category_code", "").strip(),
              r.getOrDefault("state_code", "").strip(),
              r.getOrDefault("region", "").strip(),
              r.getOrDefault("city", "").strip()));
    }
    Map<String, String> rounds = new HashMap<>();
    for (Map<String, String> r : rows(dir.resolve(ROUNDS))) {
      LocalDate date = date(r.get("funded_at"));
      String type = r.getOrDefault("funding_round_type", "").strip();
      if (date != null && !type.isEmpty())
        rounds.putIfAbsent(roundKey(r.getOrDefault("company_name", "").strip(), date), type);
    }
    return new Data(List.copyOf(edges), companies, rounds, skipped);
  }

  /** The key of {@link Data#roundTypes}. */
  public static String roundKey(String company, LocalDate date) {
    return company + "|" + date;
  }

  private static List<Map<String, String>> rows(Path file) throws IOException {
    if (!Files.isRegularFile(file))
      throw new IOException("missing " + file + " (the Crunchbase 2013 export, see SOURCES.md)");
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    List<Map<String, String>> out = new ArrayList<>();
    try (Reader in = new InputStreamReader(Files.newInputStream(file), decoder);
        MappingIterator<Map<String, String>> it =
            new CsvMapper()
                .readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(in)) {
      while (it.hasNext()) out.add(it.next());
    }
    return out;
  }

  private static LocalDate date(String s) {
    if (s == null || s.isBlank()) return null;
    try {
      return LocalDate.parse(s.strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static long amount(String s) {
    if (s == null || s.isBlank()) return -1;
    try {
      return Math.round(Double.parseDouble(s.strip()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
