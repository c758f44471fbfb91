package cn.qingdao.peipao.core.taxonomy;

/** A district of Qingdao with its administrative code and the seat of its government (GCJ-02). */
public record District(String code, String adcode, String name, double lat, double lon) {}
