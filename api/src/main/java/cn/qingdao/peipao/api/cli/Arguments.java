package cn.qingdao.peipao.api.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parsed command-line arguments: positional words and {@code --name value} / {@code --flag}. */
record Arguments(List<String> positional, Map<String, String> options) {
  /** Parses {@code args}; {@code flags} take no value, {@code valued} take one. */
  static Arguments parse(List<String> args, Set<String> flags, Set<String> valued) {
    List<String> positional = new ArrayList<>();
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("--")) {
        positional.add(a);
        continue;
      }
      String name = a.substring(2);
      if (flags.contains(name)) {
        options.put(name, "true");
      } else if (valued.contains(name)) {
        if (i + 1 >= args.size()) throw new UsageException("--" + name + " needs a value");
        options.put(name, args.get(++i));
      } else {
        List<String> known = new ArrayList<>();
        flags.forEach(f -> known.add("--" + f));
        valued.forEach(v -> known.add("--" + v + " <value>"));
        throw new UsageException(
            "unknown option "
                + a
                + "; known: "
                + String.join(", ", known.stream().sorted().toList()));
      }
    }
    return new Arguments(positional, options);
  }

  int intOption(String name, int dflt) {
    String v = options.get(name);
    if (v == null) return dflt;
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be an integer (got '" + v + "')");
    }
  }

  boolean flag(String name) {
    return options.containsKey(name);
  }
}
