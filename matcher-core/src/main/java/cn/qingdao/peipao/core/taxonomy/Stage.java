package cn.qingdao.peipao.core.taxonomy;

/**
 * A life-cycle stage; {@code order} counts from 0 (seed) so that adjacency is a difference of 1.
 */
public record Stage(String code, String name, int order) {}
