package cn.qingdao.peipao.core.allocation;

import java.util.Arrays;

/**
 * How many projects the largest allocation places, scores aside: Hopcroft–Karp on projects ×
 * counterparts with capacities, after a greedy start. O(E·√V) for the E acceptable pairs.
 */
final class MaxCardinality {
  private static final int INF = Integer.MAX_VALUE;

  private final int n;
  private final int m;
  private final int[] start;
  private final int[] to;
  private final int[] cap;

  private final int[] at; // counterpart of each project, -1 when unplaced
  private final int[][] members;
  private final int[] load;
  private final int[] dist;

  /**
   * @param start project p's counterparts are {@code to[start[p]..start[p+1])}
   * @param cap each counterpart's slots
   */
  MaxCardinality(int[] start, int[] to, int[] cap) {
    this.n = start.length - 1;
    this.m = cap.length;
    this.start = start;
    this.to = to;
    this.cap = cap;
    this.at = new int[n];
    Arrays.fill(at, -1);
    this.members = new int[m][];
    for (int k = 0; k < m; k++) members[k] = new int[cap[k]];
    this.load = new int[m];
    this.dist = new int[n];
  }

  /** The size of a largest allocation. */
  int solve() {
    int placed = greedy();
    int[] queue = new int[n];
    while (true) {
      int found = layers(queue);
      if (found == INF) return placed;
      for (int p = 0; p < n; p++) if (at[p] < 0 && dist[p] == 0 && augment(p, found)) placed++;
    }
  }

  /** What the greedy start places on its own (each project its first free counterpart). */
  int solveGreedyOnly() {
    return greedy();
  }

  private int greedy() {
    int placed = 0;
    for (int p = 0; p < n; p++) {
      for (int e = start[p]; e < start[p + 1]; e++) {
        int k = to[e];
        if (load[k] < cap[k]) {
          place(p, k);
          placed++;
          break;
        }
      }
    }
    return placed;
  }

  /** BFS from the unplaced projects; the layer where a free slot is reached, or INF. */
  private int layers(int[] queue) {
    int head = 0;
    int tail = 0;
    for (int p = 0; p < n; p++) {
      if (at[p] < 0) {
        dist[p] = 0;
        queue[tail++] = p;
      } else {
        dist[p] = INF;
      }
    }
    int found = INF;
    while (head < tail) {
      int p = queue[head++];
      if (dist[p] >= found) break;
      for (int e = start[p]; e < start[p + 1]; e++) {
        int k = to[e];
        if (k == at[p]) continue;
        if (load[k] < cap[k]) {
          found = Math.min(found, dist[p]);
          continue;
        }
        for (int i = 0; i < load[k]; i++) {
          int q = members[k][i];
          if (dist[q] == INF) {
            dist[q] = dist[p] + 1;
            queue[tail++] = q;
          }
        }
      }
    }
    return found;
  }

  /** An augmenting path along the layers from p, iteratively; true when p was placed. */
  private boolean augment(int root, int found) {
    // stack of projects; via[i] is the counterpart that stack[i + 1] is to leave for stack[i]
    int[] stack = new int[found + 2];
    int[] edge = new int[found + 2];
    int[] member = new int[found + 2];
    int depth = 0;
    stack[0] = root;
    edge[0] = start[root];
    member[0] = 0;
    while (depth >= 0) {
      int p = stack[depth];
      if (edge[depth] >= start[p + 1]) {
        dist[p] = INF; // dead end for this phase
        depth--;
        if (depth >= 0) member[depth]++;
        continue;
      }
      int k = to[edge[depth]];
      if (k == at[p]) {
        edge[depth]++;
        member[depth] = 0;
        continue;
      }
      if (load[k] < cap[k] && dist[p] == found) {
        // free slot: shift every project on the stack one step
        for (int d = depth; d >= 0; d--) {
          int q = stack[d];
          int target = to[edge[d]];
          if (at[q] >= 0) leave(q);
          place(q, target);
        }
        return true;
      }
      if (dist[p] < found && member[depth] < load[k]) {
        int q = members[k][member[depth]];
        if (dist[q] == dist[p] + 1) {
          depth++;
          stack[depth] = q;
          edge[depth] = start[q];
          member[depth] = 0;
        } else {
          member[depth]++;
        }
        continue;
      }
      edge[depth]++;
      member[depth] = 0;
    }
    return false;
  }

  private void place(int p, int k) {
    members[k][load[k]++] = p;
    at[p] = k;
  }

  private void leave(int p) {
    int k = at[p];
    int[] mem = members[k];
    for (int i = 0; i < load[k]; i++) {
      if (mem[i] == p) {
        mem[i] = mem[--load[k]];
        break;
      }
    }
    at[p] = -1;
  }
}
