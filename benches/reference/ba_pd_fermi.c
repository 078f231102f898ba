/* Plain C reference of scenarios/bench-ba-pd-fermi.toml, for whole-process timing comparisons.
 *
 * Weak PD R=1, T=b=1.5, S=P=0, accumulated payoffs, no self-interaction, synchronous Fermi
 * K=0.1 against one random neighbour, Barabasi-Albert m=2 (networkx's algorithm), half the
 * agents cooperating at random, N agents, 50 steps. CSR adjacency, byte strategies, float
 * payoffs, xoshiro128+ per thread (seeded per step and chunk), OpenMP.
 *
 * Build: gcc -O3 -march=native -fopenmp -o ba_pd_fermi ba_pd_fermi.c -lm
 * Run:   OMP_NUM_THREADS=2 ./ba_pd_fermi 100000 50
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t sm(uint64_t *s) {
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
typedef struct { uint32_t s[4]; } xo;
static inline uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
static inline uint32_t xnext(xo *r) {
    uint32_t res = r->s[0] + r->s[3], t = r->s[1] << 9;
    r->s[2] ^= r->s[0]; r->s[3] ^= r->s[1]; r->s[1] ^= r->s[2]; r->s[0] ^= r->s[3];
    r->s[2] ^= t; r->s[3] = rotl(r->s[3], 11);
    return res;
}
static xo xseed(uint64_t seed) {
    xo r; uint64_t a = sm(&seed), b = sm(&seed);
    r.s[0] = (uint32_t)a; r.s[1] = (uint32_t)(a >> 32); r.s[2] = (uint32_t)b; r.s[3] = (uint32_t)(b >> 32) | 1;
    return r;
}
static inline uint32_t below(uint32_t x, uint32_t n) { return (uint32_t)(((uint64_t)x * n) >> 32); }

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 100000, steps = argc > 2 ? atoi(argv[2]) : 50, m = 2;
    double b = 1.5, invk = 1.0 / 0.1;
    /* Barabasi-Albert: star on m+1 nodes, then m distinct targets from the endpoint list. */
    size_t maxe = (size_t)m * n;
    uint32_t *es = malloc(maxe * sizeof *es), *et = malloc(maxe * sizeof *et);
    uint32_t *rep = malloc(2 * maxe * sizeof *rep);
    size_t ne = 0, nr = 0;
    xo g = xseed(1);
    for (int i = 1; i <= m; i++) { es[ne] = 0; et[ne++] = i; rep[nr++] = 0; rep[nr++] = i; }
    for (int v = m + 1; v < n; v++) {
        uint32_t tg[8]; int c = 0;
        while (c < m) {
            uint32_t t = rep[below(xnext(&g), (uint32_t)nr)];
            int dup = 0; for (int q = 0; q < c; q++) dup |= tg[q] == t;
            if (!dup) tg[c++] = t;
        }
        for (int q = 0; q < m; q++) { es[ne] = v; et[ne++] = tg[q]; rep[nr++] = v; rep[nr++] = tg[q]; }
    }
    uint32_t *off = calloc(n + 1, sizeof *off), *adj = malloc(2 * ne * sizeof *adj), *fill = malloc(n * sizeof *fill);
    for (size_t e = 0; e < ne; e++) { off[es[e] + 1]++; off[et[e] + 1]++; }
    for (int i = 0; i < n; i++) off[i + 1] += off[i];
    memcpy(fill, off, n * sizeof *fill);
    for (size_t e = 0; e < ne; e++) { adj[fill[es[e]]++] = et[e]; adj[fill[et[e]]++] = es[e]; }
    uint8_t *s = malloc(n), *s2 = malloc(n);
    float *pay = malloc(n * sizeof *pay);
    uint32_t *perm = malloc(n * sizeof *perm);
    for (int i = 0; i < n; i++) { perm[i] = i; s[i] = 0; }
    for (int i = 0; i < n / 2; i++) { int j = i + below(xnext(&g), n - i); uint32_t t = perm[i]; perm[i] = perm[j]; perm[j] = t; s[perm[i]] = 1; }
    const int CH = 4096;
    long coop_last = 0;
    for (int t = 1; t <= steps; t++) {
        #pragma omp parallel for schedule(static)
        for (int i = 0; i < n; i++) {
            uint32_t nc = 0;
            for (uint32_t e = off[i]; e < off[i + 1]; e++) nc += s[adj[e]];
            pay[i] = s[i] ? (float)nc : (float)(b * nc);
        }
        #pragma omp parallel for schedule(static)
        for (int c = 0; c < (n + CH - 1) / CH; c++) {
            xo r = xseed(((uint64_t)t << 32) ^ (uint64_t)c);
            int lo = c * CH, hi = lo + CH < n ? lo + CH : n;
            for (int i = lo; i < hi; i++) {
                uint32_t k = off[i + 1] - off[i], x = xnext(&r), y = xnext(&r);
                s2[i] = s[i];
                if (!k) continue;
                uint32_t j = adj[off[i] + below(x, k)];
                if (s[j] != s[i]) {
                    float p = 1.0f / (1.0f + expf((pay[i] - pay[j]) * (float)invk));
                    if ((y >> 8) * (1.0f / 16777216.0f) < p) s2[i] = s[j];
                }
            }
        }
        uint8_t *tmp = s; s = s2; s2 = tmp;
        long cc = 0;
        #pragma omp parallel for reduction(+:cc)
        for (int i = 0; i < n; i++) cc += s[i];
        coop_last = cc;
    }
    printf("n=%d steps=%d ties=%zu coop_rate_final=%.4f\n", n, steps, ne, (double)coop_last / n);
    return 0;
}
