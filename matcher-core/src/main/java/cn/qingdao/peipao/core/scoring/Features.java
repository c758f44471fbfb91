package cn.qingdao.peipao.core.scoring;

import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;

/**
 * The structured facts of one entity that scoring reads, as bitmasks and primitives so that a scan
 * over many candidates stays cheap. Built by {@link FeatureExtractor}; immutable. Unknown numbers
 * are -1, unknown coordinates NaN, an empty scope 0 (meaning "anywhere").
 */
public final class Features {
  public static final int CONSENT_MENTORS = 1;
  public static final int CONSENT_PARKS = 2;
  public static final int CONSENT_INVESTORS = 4;
  public static final int DEBT = 1;
  public static final int EQUITY = 2;
  public static final int GRANT = 4;

  public final EntityType type;

  /** Sectors as bits in taxonomy order; {@code mainSector} is the first of a project's. */
  public final long sectors;

  public final int mainSector;

  /** Sectors whose keywords occur in the entity's own text. */
  public final long keywordSectors;

  /** Accepted stages (counterparts; 0 = any) or the project's one stage bit. */
  public final int stages;

  public final int stage;

  /** A project's needs, or the services a counterpart offers (investors: from instruments). */
  public final int services;

  public final int district;

  /** Districts served (mentor/investor serviceDistricts, policy districts); 0 = anywhere. */
  public final int scope;

  public final double lat;
  public final double lon;
  public final boolean active;
  public final boolean failed;
  public final int consent;
  public final long fundingNeed;
  public final int employees;
  public final int founderGroups;

  /** Mentors: free slots (capacity less current assignments); parks: stated capacity or -1. */
  public final int capacity;

  public final boolean secondIncubation;

  /** Index of the kind (mentor/park/investor kind, policy category) in its code list; -1 none. */
  public final int kind;

  public final long areaAvailable;
  public final int tenants;
  public final boolean governmentInvested;

  /** Index of the city among the taxonomy's cities (−1 unknown). */
  public final int city;

  /** A park tagged 返乡入乡创业园区: its free space is for returnees too (004). */
  public final boolean returneePark;

  public final long ticketMin;
  public final long ticketMax;
  public final int instruments;

  /** Investors: projects invested in so far (track record); -1 when not stated. */
  public final int portfolio;

  public final long validFrom;
  public final long validUntil;
  public final boolean founderAudience;
  public final long benefitMax;

  /** An event's start and registration deadline, epoch seconds (no deadline: the start). */
  public final long eventStart;

  public final long eventDeadline;

  /** An event's organiser: its type's index in {@code Codes.ORGANISER_TYPES} (−1 none). */
  public final int organiser;

  /** The services the organiser's kind brings (investors: capital and finance, …). */
  public final int organiserServices;

  Features(Builder b) {
    type = b.entity.type();
    sectors = b.sectors;
    mainSector = b.mainSector;
    keywordSectors = b.keywordSectors;
    stages = b.stages;
    stage = b.stage;
    services = b.services;
    district = b.district;
    scope = b.scope;
    lat = b.lat;
    lon = b.lon;
    active = b.active;
    failed = b.failed;
    consent = b.consent;
    fundingNeed = b.fundingNeed;
    employees = b.employees;
    founderGroups = b.founderGroups;
    capacity = b.capacity;
    secondIncubation = b.secondIncubation;
    kind = b.kind;
    areaAvailable = b.areaAvailable;
    tenants = b.tenants;
    governmentInvested = b.governmentInvested;
    city = b.city;
    returneePark = b.returneePark;
    ticketMin = b.ticketMin;
    ticketMax = b.ticketMax;
    instruments = b.instruments;
    portfolio = b.portfolio;
    validFrom = b.validFrom;
    validUntil = b.validUntil;
    founderAudience = b.founderAudience;
    benefitMax = b.benefitMax;
    eventStart = b.eventStart;
    eventDeadline = b.eventDeadline;
    organiser = b.organiser;
    organiserServices = b.organiserServices;
  }

  /** True when both coordinates are known. */
  public boolean hasPoint() {
    return !Double.isNaN(lat) && !Double.isNaN(lon);
  }

  static final class Builder {
    Entity entity;
    long sectors;
    int mainSector = -1;
    long keywordSectors;
    int stages;
    int stage = -1;
    int services;
    int district = -1;
    int scope;
    double lat = Double.NaN;
    double lon = Double.NaN;
    boolean active = true;
    boolean failed;
    int consent;
    long fundingNeed = -1;
    int employees = -1;
    int founderGroups;
    int capacity = -1;
    boolean secondIncubation;
    int kind = -1;
    long areaAvailable = -1;
    int tenants = -1;
    boolean governmentInvested;
    int city = -1;
    boolean returneePark;
    long ticketMin = -1;
    long ticketMax = -1;
    int instruments;
    int portfolio = -1;
    long validFrom = Long.MIN_VALUE;
    long validUntil = Long.MAX_VALUE;
    boolean founderAudience;
    long benefitMax = -1;
    long eventStart = Long.MIN_VALUE;
    long eventDeadline = Long.MIN_VALUE;
    int organiser = -1;
    int organiserServices;
  }
}
