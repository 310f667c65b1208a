/*
 * fann_ref: a small command-line front end to libfann 2.2 (Debian's libfann-dev), used to
 * check ruv-neural against the real FANN library.
 *
 * Build: gcc -O2 fann_ref.c -lfann -lm -o fann_ref      (floatfann, i.e. fann_type = float)
 *
 * Subcommands (all output goes to stdout; errors to stderr with exit status 1):
 *
 *   fann_ref create <out.net> <layers> [options]
 *       Creates a network and saves it. <layers> is comma separated, e.g. 2,3,1.
 *   fann_ref train <train.data> <out.net> (--layers L | --init in.net) [options]
 *       Creates a network (--layers) or loads one (--init), trains it on the data file with
 *       fann_train_epoch until --epochs epochs ran or the desired error is reached (the
 *       semantics of fann_train_on_data), prints "epoch mse bit_fail" per epoch and saves it.
 *   fann_ref run <net> <data>
 *       Loads a network and prints its outputs for every input of the data file: one line per
 *       sample, outputs separated by one space, each formatted with %.9g.
 *   fann_ref test <net> <data>
 *       Prints "mse bit_fail" of fann_test_data.
 *
 * Options:
 *   --shortcut                 shortcut topology (create/train with --layers)
 *   --connection-rate R        sparse network (create/train with --layers)
 *   --hidden F --output F      activation function codes (FANN enum numbers)
 *   --hidden-steepness S --output-steepness S
 *   --seed N                   srand seed (weights and sparse layout become reproducible)
 *   --weights-range R          after creation, fann_randomize_weights(ann, -R, R)
 *   --algorithm A              incremental|batch|rprop|quickprop|sarprop
 *   --epochs N                 (default 1000)   --desired-error E (default 0)
 *   --learning-rate R --momentum M --error-function linear|tanh --stop mse|bit
 */
#include <floatfann.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libfann seeds rand() from /dev/urandom whenever it creates a network. Defining the internal
 * seeding function here interposes on the library's (ELF symbol interposition), so that
 * --seed makes network creation reproducible. */
void fann_seed_rand(void) {}

static void die(const char *msg, const char *arg) {
    fprintf(stderr, "fann_ref: %s%s%s\n", msg, arg ? " " : "", arg ? arg : "");
    exit(1);
}

struct opts {
    const char *layers;
    const char *init;
    int shortcut;
    float connection_rate;
    int hidden, output;
    float hidden_steepness, output_steepness;
    int has_hidden_steepness, has_output_steepness;
    unsigned seed;
    float weights_range;
    int algorithm;
    unsigned epochs;
    float desired_error;
    float learning_rate, momentum;
    int has_learning_rate, has_momentum;
    int error_function, stop_function;
};

static int parse_algorithm(const char *s) {
    if (!strcmp(s, "incremental")) return FANN_TRAIN_INCREMENTAL;
    if (!strcmp(s, "batch")) return FANN_TRAIN_BATCH;
    if (!strcmp(s, "rprop")) return FANN_TRAIN_RPROP;
    if (!strcmp(s, "quickprop")) return FANN_TRAIN_QUICKPROP;
    if (!strcmp(s, "sarprop")) return FANN_TRAIN_SARPROP;
    die("unknown algorithm", s);
    return 0;
}

static void parse_opts(int argc, char **argv, int first, struct opts *o) {
    int i;
    memset(o, 0, sizeof(*o));
    o->connection_rate = 1.0f;
    o->hidden = o->output = -1;
    o->algorithm = -1;
    o->epochs = 1000;
    o->error_function = o->stop_function = -1;
    for (i = first; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED_VALUE() do { if (!v) die("missing value for", a); i++; } while (0)
        if (!strcmp(a, "--shortcut")) o->shortcut = 1;
        else if (!strcmp(a, "--layers")) { NEED_VALUE(); o->layers = v; }
        else if (!strcmp(a, "--init")) { NEED_VALUE(); o->init = v; }
        else if (!strcmp(a, "--connection-rate")) { NEED_VALUE(); o->connection_rate = (float)atof(v); }
        else if (!strcmp(a, "--hidden")) { NEED_VALUE(); o->hidden = atoi(v); }
        else if (!strcmp(a, "--output")) { NEED_VALUE(); o->output = atoi(v); }
        else if (!strcmp(a, "--hidden-steepness")) { NEED_VALUE(); o->hidden_steepness = (float)atof(v); o->has_hidden_steepness = 1; }
        else if (!strcmp(a, "--output-steepness")) { NEED_VALUE(); o->output_steepness = (float)atof(v); o->has_output_steepness = 1; }
        else if (!strcmp(a, "--weights-range")) { NEED_VALUE(); o->weights_range = (float)atof(v); }
        else if (!strcmp(a, "--seed")) { NEED_VALUE(); o->seed = (unsigned)strtoul(v, NULL, 10); }
        else if (!strcmp(a, "--algorithm")) { NEED_VALUE(); o->algorithm = parse_algorithm(v); }
        else if (!strcmp(a, "--epochs")) { NEED_VALUE(); o->epochs = (unsigned)strtoul(v, NULL, 10); }
        else if (!strcmp(a, "--desired-error")) { NEED_VALUE(); o->desired_error = (float)atof(v); }
        else if (!strcmp(a, "--learning-rate")) { NEED_VALUE(); o->learning_rate = (float)atof(v); o->has_learning_rate = 1; }
        else if (!strcmp(a, "--momentum")) { NEED_VALUE(); o->momentum = (float)atof(v); o->has_momentum = 1; }
        else if (!strcmp(a, "--error-function")) {
            NEED_VALUE();
            if (!strcmp(v, "linear")) o->error_function = FANN_ERRORFUNC_LINEAR;
            else if (!strcmp(v, "tanh")) o->error_function = FANN_ERRORFUNC_TANH;
            else die("unknown error function", v);
        } else if (!strcmp(a, "--stop")) {
            NEED_VALUE();
            if (!strcmp(v, "mse")) o->stop_function = FANN_STOPFUNC_MSE;
            else if (!strcmp(v, "bit")) o->stop_function = FANN_STOPFUNC_BIT;
            else die("unknown stop function", v);
        } else die("unknown option", a);
#undef NEED_VALUE
    }
}

static struct fann *create(const struct opts *o) {
    unsigned layers[64];
    unsigned n = 0;
    const char *p = o->layers;
    struct fann *ann;
    while (p && *p) {
        char *end;
        unsigned long v = strtoul(p, &end, 10);
        if (end == p || n == 64) die("bad --layers", o->layers);
        layers[n++] = (unsigned)v;
        p = *end == ',' ? end + 1 : end;
        if (*end && *end != ',') die("bad --layers", o->layers);
    }
    if (n < 2) die("need at least two layers in", o->layers);
    srand(o->seed);
    if (o->shortcut) ann = fann_create_shortcut_array(n, layers);
    else if (o->connection_rate < 1.0f) ann = fann_create_sparse_array(o->connection_rate, n, layers);
    else ann = fann_create_standard_array(n, layers);
    if (!ann) die("cannot create the network", NULL);
    if (o->hidden >= 0) fann_set_activation_function_hidden(ann, (enum fann_activationfunc_enum)o->hidden);
    if (o->output >= 0) fann_set_activation_function_output(ann, (enum fann_activationfunc_enum)o->output);
    if (o->has_hidden_steepness) fann_set_activation_steepness_hidden(ann, o->hidden_steepness);
    if (o->has_output_steepness) fann_set_activation_steepness_output(ann, o->output_steepness);
    if (o->weights_range > 0) fann_randomize_weights(ann, -o->weights_range, o->weights_range);
    return ann;
}

static void configure_training(struct fann *ann, const struct opts *o) {
    if (o->algorithm >= 0) fann_set_training_algorithm(ann, (enum fann_train_enum)o->algorithm);
    if (o->has_learning_rate) fann_set_learning_rate(ann, o->learning_rate);
    if (o->has_momentum) fann_set_learning_momentum(ann, o->momentum);
    if (o->error_function >= 0) fann_set_train_error_function(ann, (enum fann_errorfunc_enum)o->error_function);
    if (o->stop_function >= 0) fann_set_train_stop_function(ann, (enum fann_stopfunc_enum)o->stop_function);
}

static struct fann_train_data *read_data(const char *path) {
    struct fann_train_data *d = fann_read_train_from_file(path);
    if (!d) die("cannot read training data", path);
    return d;
}

static struct fann *load(const char *path) {
    struct fann *ann = fann_create_from_file(path);
    if (!ann) die("cannot load network", path);
    return ann;
}

static void save(struct fann *ann, const char *path) {
    if (fann_save(ann, path) != 0) die("cannot save network to", path);
}

int main(int argc, char **argv) {
    struct opts o;
    if (argc < 2) die("usage: fann_ref create|train|run|test ... (see the source)", NULL);
    if (!strcmp(argv[1], "create")) {
        struct fann *ann;
        if (argc < 4) die("usage: fann_ref create <out.net> <layers> [options]", NULL);
        parse_opts(argc, argv, 4, &o);
        o.layers = argv[3];
        ann = create(&o);
        configure_training(ann, &o);
        save(ann, argv[2]);
        fann_destroy(ann);
        return 0;
    }
    if (!strcmp(argv[1], "train")) {
        struct fann *ann;
        struct fann_train_data *data;
        unsigned epoch;
        if (argc < 4) die("usage: fann_ref train <train.data> <out.net> (--layers L | --init in.net) [options]", NULL);
        parse_opts(argc, argv, 4, &o);
        data = read_data(argv[2]);
        if (o.init) ann = load(o.init);
        else if (o.layers) ann = create(&o);
        else die("train needs --layers or --init", NULL);
        configure_training(ann, &o);
        for (epoch = 1; epoch <= o.epochs; epoch++) {
            float mse = fann_train_epoch(ann, data);
            unsigned bit_fail = fann_get_bit_fail(ann);
            int reached = fann_get_train_stop_function(ann) == FANN_STOPFUNC_MSE
                              ? fann_get_MSE(ann) <= o.desired_error
                              : bit_fail <= (unsigned)o.desired_error;
            if (fann_get_errno((struct fann_error *)ann) != FANN_E_NO_ERROR)
                die("training failed:", fann_get_errstr((struct fann_error *)ann));
            printf("%u %.9g %u\n", epoch, mse, bit_fail);
            if (reached) break;
        }
        save(ann, argv[3]);
        fann_destroy(ann);
        fann_destroy_train(data);
        return 0;
    }
    if (!strcmp(argv[1], "run")) {
        struct fann *ann;
        struct fann_train_data *data;
        unsigned i, k, n_out;
        if (argc != 4) die("usage: fann_ref run <net> <data>", NULL);
        ann = load(argv[2]);
        data = read_data(argv[3]);
        if (fann_get_num_input(ann) != data->num_input) die("input count of the data does not match the network", NULL);
        n_out = fann_get_num_output(ann);
        for (i = 0; i < data->num_data; i++) {
            fann_type *out = fann_run(ann, data->input[i]);
            for (k = 0; k < n_out; k++) printf(k ? " %.9g" : "%.9g", out[k]);
            printf("\n");
        }
        fann_destroy(ann);
        fann_destroy_train(data);
        return 0;
    }
    if (!strcmp(argv[1], "test")) {
        struct fann *ann;
        struct fann_train_data *data;
        float mse;
        if (argc != 4) die("usage: fann_ref test <net> <data>", NULL);
        ann = load(argv[2]);
        data = read_data(argv[3]);
        mse = fann_test_data(ann, data);
        printf("%.9g %u\n", mse, fann_get_bit_fail(ann));
        fann_destroy(ann);
        fann_destroy_train(data);
        return 0;
    }
    die("unknown subcommand", argv[1]);
    return 1;
}
