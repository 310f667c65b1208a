#!/bin/sh
# ruv-neural against libfann 2.2, both directions.
#
# usage: run_compare.sh <fann_ref> <compare> [work dir]
#   <fann_ref>  the binary of tests/libfann/fann_ref.c (gcc -O2 fann_ref.c -lfann -lm)
#   <compare>   the binary of tests/libfann/compare.rs (linked with ruv_neural)
#   [work dir]  where the .net/.data/output files go (default: a fresh temporary directory);
#               kept on failure for inspection.
#
# Checks, each printing one "ok: ..." line (exit status 1 at the first failure):
#  1. libfann -> ruv-neural: libfann creates or trains a network and saves it; ruv-neural loads
#     the .net and must reproduce libfann's outputs on every sample within 1e-5 (scaled by
#     max(1, |output|)). All 18 FANN activation functions, several steepnesses, standard,
#     shortcut and sparse topologies, and networks trained by all five FANN algorithms.
#  2. ruv-neural -> libfann: ruv-neural creates or trains a network and saves it; libfann loads
#     the .net and its outputs must match ruv-neural's within 1e-5. Same coverage, plus Adam.
#  3. Training equivalence: from the same initial network, libfann and ruv-neural train
#     epoch by epoch and their per-epoch MSEs must agree (RPROP on XOR for 80 epochs within
#     1e-4; every deterministic algorithm on a regression set for 5 epochs within 1e-3).
# The data files are written by ruv-neural (`compare gen-data`) and read by both libraries.
set -eu

FANN_REF=$1
COMPARE=$2
WORK=${3:-}
if [ -z "$WORK" ]; then
    WORK=$(mktemp -d "${TEST_TMPDIR:-/tmp}/neural_libfann.XXXXXX")
fi
mkdir -p "$WORK"
case "$FANN_REF" in /*) ;; *) FANN_REF=$(pwd)/$FANN_REF ;; esac
case "$COMPARE" in /*) ;; *) COMPARE=$(pwd)/$COMPARE ;; esac
cd "$WORK"
trap 'echo "FAILED; files kept in $WORK" >&2' EXIT

printf '4 2 1\n-1 -1\n-1\n-1 1\n1\n1 -1\n1\n1 1\n-1\n' > xor.data
"$COMPARE" gen-data reg.data 200 8 3 --seed 4
"$COMPARE" gen-data wide.data 50 20 4 --seed 9

# libfann writes the network, ruv-neural must match libfann's outputs.
from_libfann() { # name data fann_ref-subcommand-args...
    name=$1 data=$2
    shift 2
    if [ "$1" = create ]; then
        shift
        "$FANN_REF" create "$name.fann.net" "$@"
    else
        shift
        "$FANN_REF" train "$data" "$name.fann.net" "$@" > "$name.fann.log"
    fi
    "$FANN_REF" run "$name.fann.net" "$data" > "$name.fann.out"
    "$COMPARE" check "$name.fann.net" "$data" "$name.fann.out"
}

# ruv-neural writes the network, libfann must match ruv-neural's outputs.
from_ours() { # name data compare-subcommand-args...
    name=$1 data=$2
    shift 2
    if [ "$1" = create ]; then
        shift
        "$COMPARE" create "$name.ours.net" "$@"
    else
        shift
        "$COMPARE" train "$data" "$name.ours.net" "$@" > "$name.ours.log"
    fi
    "$FANN_REF" run "$name.ours.net" "$data" > "$name.ours.out"
    "$COMPARE" check "$name.ours.net" "$data" "$name.ours.out"
}

# 1 + 2: every FANN activation function, forward pass, two steepness settings.
for f in 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17; do
    from_libfann "act$f" reg.data create 8,6,3 --hidden "$f" --output "$f" --weights-range 1.5 --seed "$f"
    from_libfann "act${f}s" reg.data create 8,6,3 --hidden "$f" --output "$f" \
        --hidden-steepness 0.8 --output-steepness 1.7 --weights-range 1.5 --seed "$f"
    from_ours "act$f" reg.data create 8,6,3 --hidden "$f" --output "$f" --weights-range 1.5 --seed "$f"
    from_ours "act${f}s" reg.data create 8,6,3 --hidden "$f" --output "$f" \
        --hidden-steepness 0.8 --output-steepness 1.7 --weights-range 1.5 --seed "$f"
done

# Topologies, untrained (FANN's default activation: sigmoid stepwise, steepness 0.5).
for topo in "standard 20,12,7,4" "shortcut 20,9,5,4 --shortcut" "sparse 20,12,7,4 --connection-rate 0.4"; do
    # shellcheck disable=SC2086
    set -- $topo
    name=$1 layers=$2
    shift 2
    from_libfann "topo_$name" wide.data create "$layers" --weights-range 2 --seed 3 "$@"
    from_ours "topo_$name" wide.data create "$layers" --weights-range 2 --seed 3 "$@"
done

# Trained networks: every algorithm, several topologies.
# (SARPROP runs fewer epochs: with FANN's defaults it drives some weights to ~1e3 on this data,
# where no two float implementations agree to 1e-5 any more.)
epochs_for() { if [ "$1" = sarprop ]; then echo 30; else echo 150; fi; }
for alg in incremental batch rprop quickprop sarprop; do
    e=$(epochs_for "$alg")
    from_libfann "train_$alg" reg.data train --layers 8,10,3 --hidden 5 --output 5 --algorithm "$alg" --epochs "$e" --seed 1
    from_libfann "train_${alg}_shortcut" reg.data train --layers 8,6,3 --shortcut --hidden 10 --output 11 --algorithm "$alg" --epochs "$e" --seed 2
done
from_libfann train_sparse reg.data train --layers 8,12,3 --connection-rate 0.5 --hidden 3 --output 5 --epochs 150 --seed 3
from_libfann train_xor xor.data train --layers 2,3,1 --hidden 5 --output 5 --desired-error 0.001 --epochs 1000 --seed 4
for alg in incremental batch rprop quickprop sarprop adam; do
    e=$(epochs_for "$alg")
    from_ours "train_$alg" reg.data train --layers 8,10,3 --hidden 5 --output 5 --algorithm "$alg" --epochs "$e" --seed 1
    from_ours "train_${alg}_shortcut" reg.data train --layers 8,6,3 --shortcut --hidden 10 --output 11 --algorithm "$alg" --epochs "$e" --seed 2
done
from_ours train_sparse reg.data train --layers 8,12,3 --connection-rate 0.5 --hidden 3 --output 5 --epochs 150 --seed 3

# 3: training equivalence from a common initial network.
"$FANN_REF" create init_xor.net 2,3,1 --hidden 5 --output 5 --seed 3
"$FANN_REF" train xor.data eq_xor.fann.net --init init_xor.net --epochs 80 > eq_xor.fann.log
"$COMPARE" train xor.data eq_xor.ours.net --init init_xor.net --epochs 80 > eq_xor.ours.log
"$COMPARE" curves eq_xor.ours.log eq_xor.fann.log --tol 1e-4
"$FANN_REF" create init_reg.net 8,16,8,3 --hidden 5 --output 5 --seed 7
for alg in incremental batch rprop quickprop; do
    "$FANN_REF" train reg.data "eq_$alg.fann.net" --init init_reg.net --algorithm "$alg" --epochs 5 > "eq_$alg.fann.log"
    "$COMPARE" train reg.data "eq_$alg.ours.net" --init init_reg.net --algorithm "$alg" --epochs 5 > "eq_$alg.ours.log"
    "$COMPARE" curves "eq_$alg.ours.log" "eq_$alg.fann.log" --tol 1e-3 --epochs 5
done

trap - EXIT
echo "all libfann comparisons passed (files in $WORK)"
