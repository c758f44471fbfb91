package cn.qingdao.peipao.core.eligibility;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One condition of a policy judged for a profile: its label (prefixed 非 when the policy requires it
 * not to hold), the field, operator and value it tests, its result as the policy needs it, the
 * profile's value (null when not stated), for unmet numeric and date conditions, the gap, and the
 * sentence of the policy's source that states the condition ({@code quote}, null when none).
 */
public record ConditionResult(
    String label,
    String field,
    String op,
    JsonNode required,
    Truth result,
    Object value,
    String gap,
    String quote) {}
