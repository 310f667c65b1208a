/*
 * fann_bench: the libfann 2.2 side of the `neural` module's benchmark (//crates/neural:bench).
 *
 * Measures native libfann (Debian's libfann-dev, float build, this file compiled with -O2 and
 * linked with -lfann) on networks and data files written for both sides, so that the wasm
 * module and libfann run the very same weights on the very same samples. The runner
 * (neural_bench.mjs) calls it once per measurement round, alternating with the wasm side.
 *
 * Subcommands (one result line "key=value ..." on stdout; errors on stderr, exit status 1):
 *
 *   fann_bench create <out.net> <layers> <seed>
 *       Creates a standard fully connected network (<layers> comma separated, e.g.
 *       784,256,128,10) with sigmoid (FANN_SIGMOID) hidden and output neurons and libfann's own
 *       random initial weights (rand() seeded with <seed>), and saves it with fann_save.
 *   fann_bench run <net> <data> <milliseconds>
 *       Loads both, then calls fann_run on the samples in turn (wrapping around) until at least
 *       <milliseconds> have passed. Prints runs, seconds, runs_per_s and checksum (the sum of
 *       every output of one pass over the data set, to check both sides compute the same).
 *   fann_bench train <net> <data> <epochs>
 *       Loads both and trains <epochs> epochs with fann_train_epoch and the algorithm stored in
 *       the .net (FANN's default: iRPROP-). Loading is not timed. Prints epochs, samples,
 *       seconds, epochs_per_s, samples_per_s and the last epoch's mse.
 *
 * Build by hand: gcc -O2 fann_bench.c -lfann -lm -o fann_bench
 */
#include <floatfann.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* libfann seeds rand() from /dev/urandom whenever it creates a network. Defining its internal
 * seeding function here interposes on the library's (ELF symbol interposition), so that the
 * <seed> of `create` makes the initial weights reproducible. */
void fann_seed_rand(void) {}

static void die(const char *msg, const char *arg) {
    fprintf(stderr, "fann_bench: %s%s%s\n", msg, arg ? " " : "", arg ? arg : "");
    exit(1);
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static struct fann *load_net(const char *path) {
    struct fann *ann = fann_create_from_file(path);
    if (!ann) die("cannot load network", path);
    return ann;
}

static struct fann_train_data *load_data(const char *path, struct fann *ann) {
    struct fann_train_data *d = fann_read_train_from_file(path);
    if (!d) die("cannot read training data", path);
    if (d->num_data == 0) die("empty data file", path);
    if (d->num_input != fann_get_num_input(ann) || d->num_output != fann_get_num_output(ann))
        die("the data file does not match the network:", path);
    return d;
}

static int cmd_create(int argc, char **argv) {
    unsigned layers[64];
    unsigned n = 0;
    const char *p;
    struct fann *ann;
    if (argc != 5) die("usage: fann_bench create <out.net> <layers> <seed>", NULL);
    p = argv[3];
    while (*p) {
        char *end;
        unsigned long v = strtoul(p, &end, 10);
        if (end == p || v == 0 || n == 64 || (*end && *end != ',')) die("bad layer list", argv[3]);
        layers[n++] = (unsigned)v;
        p = *end ? end + 1 : end;
    }
    if (n < 2) die("need at least two layers in", argv[3]);
    srand((unsigned)strtoul(argv[4], NULL, 10));
    ann = fann_create_standard_array(n, layers);
    if (!ann) die("cannot create the network", NULL);
    fann_set_activation_function_hidden(ann, FANN_SIGMOID);
    fann_set_activation_function_output(ann, FANN_SIGMOID);
    if (fann_save(ann, argv[2]) != 0) die("cannot save the network to", argv[2]);
    fann_destroy(ann);
    printf("created=%s\n", argv[2]);
    return 0;
}

static int cmd_run(int argc, char **argv) {
    struct fann *ann;
    struct fann_train_data *data;
    double budget, start, elapsed, checksum = 0.0;
    unsigned long runs = 0;
    unsigned i, k, n_out;
    if (argc != 5) die("usage: fann_bench run <net> <data> <milliseconds>", NULL);
    ann = load_net(argv[2]);
    data = load_data(argv[3], ann);
    budget = atof(argv[4]) / 1000.0;
    n_out = fann_get_num_output(ann);
    /* One untimed pass: the checksum, and the first touch of every page. */
    for (i = 0; i < data->num_data; i++) {
        fann_type *out = fann_run(ann, data->input[i]);
        for (k = 0; k < n_out; k++) checksum += out[k];
    }
    i = 0;
    start = now_seconds();
    do {
        fann_run(ann, data->input[i]);
        if (++i == data->num_data) i = 0;
        runs++;
        elapsed = now_seconds() - start;
    } while (elapsed < budget);
    printf("runs=%lu seconds=%.6f runs_per_s=%.3f checksum=%.9g\n", runs, elapsed,
           (double)runs / elapsed, checksum);
    fann_destroy_train(data);
    fann_destroy(ann);
    return 0;
}

static int cmd_train(int argc, char **argv) {
    struct fann *ann;
    struct fann_train_data *data;
    double start, elapsed;
    float mse = 0.0f;
    unsigned e, epochs;
    if (argc != 5) die("usage: fann_bench train <net> <data> <epochs>", NULL);
    ann = load_net(argv[2]);
    data = load_data(argv[3], ann);
    epochs = (unsigned)strtoul(argv[4], NULL, 10);
    if (epochs == 0) die("need at least one epoch", NULL);
    start = now_seconds();
    for (e = 0; e < epochs; e++) mse = fann_train_epoch(ann, data);
    elapsed = now_seconds() - start;
    if (fann_get_errno((struct fann_error *)ann) != FANN_E_NO_ERROR)
        die("training failed:", fann_get_errstr((struct fann_error *)ann));
    printf("algorithm=%s epochs=%u samples=%u seconds=%.6f epochs_per_s=%.4f samples_per_s=%.3f "
           "mse=%.9g\n",
           FANN_TRAIN_NAMES[fann_get_training_algorithm(ann)], epochs, data->num_data, elapsed,
           epochs / elapsed, (double)epochs * data->num_data / elapsed, mse);
    fann_destroy_train(data);
    fann_destroy(ann);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) die("usage: fann_bench create|run|train ... (see the source)", NULL);
    if (!strcmp(argv[1], "create")) return cmd_create(argc, argv);
    if (!strcmp(argv[1], "run")) return cmd_run(argc, argv);
    if (!strcmp(argv[1], "train")) return cmd_train(argc, argv);
    die("unknown subcommand", argv[1]);
    return 1;
}
