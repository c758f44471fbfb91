package cn.qingdao.peipao.core.allocation;

/** Assigns the projects of an {@link AllocationProblem} to counterparts within their slots. */
public interface Allocator {
  /** The allocation; deterministic for a given problem. */
  Allocation allocate(AllocationProblem problem);

  /** The allocator of a mode. */
  static Allocator of(AllocationMode mode) {
    return switch (mode) {
      case STABLE -> new StableAllocator();
      case COVERAGE -> new CoverageAllocator();
    };
  }
}
