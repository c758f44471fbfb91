package cn.qingdao.peipao.index.search;

import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import java.io.IOException;
import java.io.Reader;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;

/**
 * The two analyzers of Chinese text. Both segment with SmartCN's HMM tokenizer, lower-case Latin
 * words and drop punctuation; the query analyzer adds the taxonomy's synonym groups as a token
 * graph, so that "AI" also finds 人工智能 and 大模型 finds 大语言模型. Synonyms are applied at query time only,
 * so editing them needs no reindex.
 */
public final class ChineseAnalyzers {
  private final Analyzer index;
  private final Analyzer query;

  public ChineseAnalyzers(Taxonomy taxonomy) {
    this.index = new Base(null);
    this.query = new Base(synonyms(taxonomy.synonyms(), index));
  }

  /** Analyzer for indexing documents. */
  public Analyzer index() {
    return index;
  }

  /** Analyzer for query text (with synonyms). */
  public Analyzer query() {
    return query;
  }

  private static SynonymMap synonyms(List<List<String>> groups, Analyzer analyzer) {
    if (groups.isEmpty()) return null;
    try {
      // A Parser analyses each word with the same analyzer as the documents (multi-token words
      // become token sequences); the groups come from the taxonomy, not from a file.
      SynonymMap.Parser b =
          new SynonymMap.Parser(true, analyzer) {
            @Override
            public void parse(Reader in) {
              throw new UnsupportedOperationException("synonyms come from the taxonomy");
            }
          };
      for (List<String> group : groups) {
        for (String from : group) {
          CharsRef input = b.analyze(from, new CharsRefBuilder());
          for (String to : group) {
            if (to.equals(from)) continue;
            CharsRef output = b.analyze(to, new CharsRefBuilder());
            b.add(input, output, true);
          }
        }
      }
      return b.build();
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot build the synonym map: " + e.getMessage(), e);
    }
  }

  private static final class Base extends Analyzer {
    private static final CharArraySet STOP = SmartChineseAnalyzer.getDefaultStopSet();
    private final SynonymMap synonyms;

    Base(SynonymMap synonyms) {
      this.synonyms = synonyms;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      // SmartCN's tokens, each sentence segmented once (CachingChineseTokenizerTest)
      Tokenizer tokenizer = new CachingChineseTokenizer();
      TokenStream ts = new LowerCaseFilter(tokenizer);
      ts = new StopFilter(ts, STOP);
      if (synonyms != null) ts = new SynonymGraphFilter(ts, synonyms, true);
      return new TokenStreamComponents(tokenizer, ts);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      return new LowerCaseFilter(in);
    }
  }
}
