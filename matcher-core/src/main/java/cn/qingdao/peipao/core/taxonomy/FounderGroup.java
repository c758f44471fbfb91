package cn.qingdao.peipao.core.taxonomy;

/** A group of founders that policies single out (e.g. college graduates, returnees). */
public record FounderGroup(String code, String name) {}
