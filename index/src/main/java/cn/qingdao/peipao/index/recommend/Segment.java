package cn.qingdao.peipao.index.recommend;

import cn.qingdao.peipao.core.eligibility.PolicyRules;
import cn.qingdao.peipao.core.eligibility.ProfileFacts;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.scoring.Features;

/**
 * What recommendations read of one segment, by doc id: the entities, their {@link Features}
 * (allocated together), the hot fields in blocks (for scans) and their text as sorted term ids of
 * the shared {@link TermDictionary} with frequencies; for eligibility, the projects' encoded
 * profiles and the policies' compiled rules (null for other documents).
 */
record Segment(
    Entity[] entities,
    long[] versions,
    Features[] features,
    BlockLayout layout,
    int[][] termIds,
    int[][] termFreqs,
    int[] lengths,
    ProfileFacts[] facts,
    PolicyRules[] rules) {}
