#!/usr/bin/env bash
# CI: a real single-node SLURM cluster on this machine, brought up by hand (no systemd), runs the
# job array `asocia slurm` writes for a small sweep and its dependent merge job; the merged
# result must equal a local sweep's, file for file, byte for byte. Stops the daemons it started.
# Idempotent; needs root (apt-get, munge, slurmd) and no standard input.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
started=$(date +%s)

if [ "$(id -u)" != 0 ]; then
  echo "slurm.sh: needs root (installs packages, runs munged and slurmd)" >&2
  exit 1
fi
if ! command -v slurmctld >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1 \
  || ! command -v sbatch >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurmctld slurmd slurm-client munge </dev/null
fi

W=${ASOCIA_SLURM_DIR:-/tmp/asocia-ci-slurm}
CONF=$W/etc/slurm.conf
export SLURM_CONF=$CONF
# munged runs as user munge, so its pid file is in its own folder; only a munged this script
# started has this file, and only that one is stopped.
MUNGE_PID=/run/munge/asocia-ci-munged.pid
# Daemons of an earlier, interrupted run of this script (their pid files are in $W).
stop_ours() {
  for pidfile in "$W/slurmd.pid" "$W/slurmctld.pid" "$MUNGE_PID"; do
    if [ -s "$pidfile" ]; then
      pid=$(cat "$pidfile")
      if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
      fi
      rm -f "$pidfile"
    fi
  done
}
stop_ours
rm -rf "$W"
mkdir -p "$W/etc" "$W/state" "$W/spool" "$W/job"
trap 'status=$?; stop_ours; exit $status' EXIT

# munge: a key, /run/munge made by hand, munged as user munge in its own daemon mode. One
# already answering (started outside this script) is used and left running.
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  if [ ! -s /etc/munge/munge.key ]; then
    mkdir -p /etc/munge
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
  fi
  chown munge:munge /etc/munge /etc/munge/munge.key
  chmod 0700 /etc/munge
  chmod 0400 /etc/munge/munge.key
  mkdir -p /run/munge /var/lib/munge /var/log/munge
  chown munge:munge /run/munge /var/lib/munge /var/log/munge
  chmod 0755 /run/munge
  runuser -u munge -- /usr/sbin/munged --pid-file="$MUNGE_PID" --force
  for _ in $(seq 50); do [ -s "$MUNGE_PID" ] && break; sleep 0.1; done
  munge -n | unmunge >/dev/null
fi

host=$(hostname -s)
hw=$(slurmd -C | head -n 1)
cat >"$CONF" <<CONF
ClusterName=asocia-ci
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
DependencyParameters=kill_invalid_depend
SchedulerParameters=batch_sched_delay=0
ReturnToService=2
StateSaveLocation=$W/state
SlurmdSpoolDir=$W/spool
SlurmctldPidFile=$W/slurmctld.pid
SlurmdPidFile=$W/slurmd.pid
SlurmctldLogFile=$W/slurmctld.log
SlurmdLogFile=$W/slurmd.log
MailProg=/bin/true
$hw NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=ci Nodes=${hw#NodeName=} Default=YES MaxTime=INFINITE State=UP
CONF
# The partition's node list is the node's name alone.
sed -i "s/^PartitionName=ci Nodes=\([^ ]*\) .*/PartitionName=ci Nodes=\1 Default=YES MaxTime=INFINITE State=UP/" "$CONF"

# Both daemons in their own daemon mode (they close their output; logs are in $W).
slurmctld -f "$CONF"
slurmd -f "$CONF"

up=0
for _ in $(seq 120); do
  state=$(sinfo -h -o %t 2>/dev/null | head -n 1 || true)
  if [ "$state" = idle ]; then up=1; break; fi
  sleep 0.5
done
if [ "$up" != 1 ]; then
  echo "slurm.sh: the node did not come up (state '${state:-none}')" >&2
  sinfo -N -l || true
  tail -n 30 "$W/slurmctld.log" "$W/slurmd.log" >&2 || true
  exit 1
fi
echo "slurm.sh: cluster up ($(sinfo --version)) in $(($(date +%s) - started)) s"

# The sweep: a small classic sweep (6 points × 3 replications) and a firm one would both do;
# the classic one keeps CI short. Its time series and step summaries are merged too.
BIN=${ASOCIA_BIN:-$ROOT/target/release/asocia}
if [ ! -x "$BIN" ]; then
  cargo build --release --locked
fi
cat >"$W/job/sweep.toml" <<'TOML'
[scenario]
name = "ci-slurm"
[network]
kind = "barabasi-albert"
n = 200
m = 2
[update]
rule = "fermi"
k = 0.1
[run]
steps = 60
seed = 11
[output]
every = 5
[sweep]
replications = 3
game.b = { start = 1.0, stop = 2.0, step = 0.5 }
update.k = [0.05, 0.5]
TOML
"$BIN" slurm "$W/job/sweep.toml" --shards 4 --partition ci --time 00:10:00 --mem 500M --cpus 1 \
  --timeseries --step-summary --out "$W/job/array"
sh "$W/job/array/submit.sh"
array=$(cat "$W/job/array/array.jobid")
merge=$(cat "$W/job/array/merge.jobid")

# No accounting, so no sacct: wait until neither job is known to squeue, then judge by files.
deadline=$(($(date +%s) + ${ASOCIA_SLURM_TIMEOUT:-300}))
while [ -n "$(squeue -h -j "$array,$merge" 2>/dev/null)" ]; do
  if [ "$(date +%s)" -gt "$deadline" ]; then
    echo "slurm.sh: jobs still queued or running after the timeout:" >&2
    squeue >&2 || true
    scancel "$array" "$merge" 2>/dev/null || true
    exit 1
  fi
  sleep 1
done
if [ ! -s "$W/job/array/result/manifest.json" ]; then
  echo "slurm.sh: the merge job wrote no result; logs:" >&2
  tail -n 20 "$W"/job/array/logs/* "$W/slurmctld.log" >&2 || true
  exit 1
fi

# The same sweep on this machine, without SLURM: every file but the manifest and the sweep's
# resume state (state.json, journal.bin: records in finishing order) must be the same bytes.
"$BIN" sweep "$W/job/sweep.toml" --timeseries --step-summary --out "$W/job/local" >/dev/null
local_files=$(cd "$W/job/local" && ls | grep -v -e '^manifest.json$' -e '^state.json$' -e '^journal.bin$')
merged_files=$(cd "$W/job/array/result" && ls | grep -v -e '^manifest.json$' -e '^state.json$' -e '^journal.bin$')
if [ "$local_files" != "$merged_files" ]; then
  echo "slurm.sh: the merged result has other files than the local sweep:" >&2
  echo "local: $local_files" >&2
  echo "merged: $merged_files" >&2
  exit 1
fi
for f in $local_files; do
  cmp "$W/job/local/$f" "$W/job/array/result/$f"
done
shards=$(ls -d "$W"/job/array/shards/shard-* | wc -l)
echo "slurm.sh: $shards array tasks and the merge job ran on SLURM; the merged $(echo $local_files | wc -w) files equal a local sweep's byte for byte"
echo "slurm.sh: passed in $(($(date +%s) - started)) s"
