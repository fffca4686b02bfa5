/* The OpenBLAS half of benchmarks/compare's sgemm table: square float32 C = A B through cblas_sgemm, timed like
 * GemmCompare.java (about 2 GFLOP per timed repeat, 4 warm-up repeats, 9 timed); prints "n median best" in
 * GFLOP/s per size. Build: gcc -O2 sgemm_openblas.c -lopenblas. Usage: ./sgemm_openblas THREADS N... */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Declared here instead of including cblas.h, whose directory differs between Debian's OpenBLAS flavours. */
void cblas_sgemm(int order, int transa, int transb, int m, int n, int k, float alpha, const float *a, int lda,
                 const float *b, int ldb, float beta, float *c, int ldc);
void openblas_set_num_threads(int threads);
char *openblas_get_corename(void);

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp(const void *x, const void *y) {
    double a = *(const double *) x, b = *(const double *) y;
    return (a > b) - (a < b);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s THREADS N...\n", argv[0]);
        return 2;
    }
    openblas_set_num_threads(atoi(argv[1]));
    fprintf(stderr, "OpenBLAS core: %s\n", openblas_get_corename());
    srand(0);
    for (int ai = 2; ai < argc; ai++) {
        int n = atoi(argv[ai]);
        float *a = malloc(sizeof(float) * n * n), *b = malloc(sizeof(float) * n * n), *c = malloc(sizeof(float) * n * n);
        for (long i = 0; i < (long) n * n; i++) {
            a[i] = (float) rand() / RAND_MAX - 0.5f;
            b[i] = (float) rand() / RAND_MAX - 0.5f;
            c[i] = 0;
        }
        double flop = 2.0 * n * n * n;
        int inner = flop < 2e9 ? (int) (2e9 / flop) : 1;
        double rates[9];
        for (int rep = 0; rep < 13; rep++) {
            double t = now();
            for (int q = 0; q < inner; q++) {
                cblas_sgemm(101 /* row major */, 111 /* no trans */, 111, n, n, n, 1.0f, a, n, b, n, 0.0f, c, n);
            }
            double r = flop * inner / (now() - t) / 1e9;
            if (rep >= 4) rates[rep - 4] = r;
        }
        qsort(rates, 9, sizeof(double), cmp);
        printf("%d %.1f %.1f\n", n, rates[4], rates[8]);
        free(a); free(b); free(c);
    }
    return 0;
}
