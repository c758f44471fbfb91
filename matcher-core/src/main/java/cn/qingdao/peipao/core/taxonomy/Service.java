package cn.qingdao.peipao.core.taxonomy;

/** A kind of help, named after one of the accompaniment teams; used for needs and services. */
public record Service(String code, String name, String team, String description) {}
