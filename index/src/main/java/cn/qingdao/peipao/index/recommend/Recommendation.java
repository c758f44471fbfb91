package cn.qingdao.peipao.index.recommend;

import cn.qingdao.peipao.core.scoring.Direction;
import cn.qingdao.peipao.core.scoring.Match;
import cn.qingdao.peipao.core.scoring.ScoringProfile;
import java.util.List;

/**
 * The answer to one recommendation request: the top items (score descending, ties by id), how many
 * candidates passed the hard constraints ({@code total}) and how many were scored with text.
 */
public record Recommendation(
    Direction direction,
    String subjectId,
    ScoringProfile profile,
    List<Match> items,
    long total,
    long textScored) {}
