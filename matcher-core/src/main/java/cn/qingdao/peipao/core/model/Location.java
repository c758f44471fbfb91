package cn.qingdao.peipao.core.model;

/**
 * Where an entity is: a district code (a Qingdao district, or a 6-digit adcode of a region outside
 * the city) and an optional point; without a point the district seat is used.
 */
public record Location(String district, Double lat, Double lon) {}
