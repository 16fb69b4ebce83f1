#!/usr/bin/env bash
# deploy/provision.sh: a hardened Groupz server from a fresh Debian 12 or Ubuntu 24.04 VPS.
# Run it as root from a checkout of Groupz; `deploy/provision.sh --help` says what it does, the
# docs/deployment.md how to use it. Running it again with the same options changes
# nothing; with other options it changes only what they change.
set -euo pipefail
# `... | put_file` runs put_file in this shell, so that what it counts and sets is not lost.
shopt -s lastpipe
umask 077
export PATH="/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/bin:/sbin"

CHECKOUT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly CHECKOUT
readonly APP=/opt/groupz
readonly DATA=/var/lib/groupz
readonly BACKUPS=/var/backups/groupz
readonly ETC=/etc/groupz
readonly NODE_HOME=/usr/local/lib/nodejs
readonly SSHD_DROPIN=/etc/ssh/sshd_config.d/00-groupz.conf
readonly APP_PATHS=(package.json package-lock.json tsconfig.json build.js bin src assets)
readonly OPTIONS=(public-url ssh-allow admin backup-remote database-url acme-email acme-directory smtp-url mail-from node-version node-dist)

usage() {
  cat <<'EOF'
Usage: deploy/provision.sh --public-url https://HOST --acme-email ADDR --ssh-allow ADDR[,ADDR...]
                           --admin USER[,USER...] [--backup-remote REPO --backup-known-hosts FILE] [...]

Sets up Groupz on this server, as root, from the checkout the script is in:
  packages  nftables, openssh-server, restic, unattended-upgrades, sudo, curl, a C++ toolchain for
            the native modules, postgresql-client with a PostgreSQL --database-url
  Node.js   the current LTS release from the official tarball, verified against its SHASUMS256.txt,
            in /usr/local/lib/nodejs, linked from /usr/local/bin
  the app   copied to /opt/groupz, built (npm ci, then npm prune --omit=dev); /usr/local/bin/groupz
            runs its command as the user groupz with the server's settings
  accounts  user and group groupz (the service); group groupz-ssh (who may use SSH: the --admin users)
  files     /var/lib/groupz (data, 0700 groupz), /var/backups/groupz (local backups, 0700 groupz),
            /etc/groupz (0750 root:groupz): groupz.env (settings, with GROUPZ_SECRET_KEY generated once),
            backup-password (generated once), backup_ed25519 (generated with an sftp: --backup-remote)
  firewall  /etc/nftables.conf from `groupz deploy nftables`: 80 and 443 open, SSH (22) only from
            --ssh-allow; checked with `nft -c`, then nftables enabled and loaded
  sshd      /etc/ssh/sshd_config.d/00-groupz.conf: keys only, no root, only group groupz-ssh; checked
            with `sshd -t` and taken back if sshd refuses it, then sshd reloaded
  updates   unattended security upgrades (/etc/apt/apt.conf.d/20auto-upgrades)
  service   groupz.service (systemd, hardened), enabled and (re)started; nightly backups run inside it

Options (each is remembered in /etc/groupz/provision.conf: a later run needs only what changes):
  --public-url URL          the platform's https address (https://bookings.example.nl)
  --ssh-allow ADDR[,...]    IPv4/IPv6 addresses or prefixes that may connect to SSH
  --admin USER[,...]        existing accounts that may log in over SSH (keys in ~/.ssh/authorized_keys,
                            able to use sudo); they are put in group groupz-ssh, other members leave it
  --backup-remote REPO      the restic repository at the second location (sftp:user@host:/path, ...);
                            '' for none. Without it backups go to the local repository only.
  --backup-known-hosts FILE the backup host's key (ssh-keyscan output you compared), for an sftp: REPO
  --database-url URL        postgres://user@host:5432/db to use PostgreSQL (default: SQLite in /var/lib/groupz)
  --acme-email ADDR         contact address for the certificate authority's account (Let's Encrypt)
  --acme-directory URL      the ACME CA (default: Let's Encrypt's production directory)
  --smtp-url URL            smtp://user:password@host:587 or smtps://...: how mails go out (manage links,
                            backup alerts). Without it mails are only written as files into the data dir.
  --mail-from ADDR          the sender of every mail (default: no-reply@ the public URL's host)
  --node-version V          lts (default: the newest LTS release), a major such as 24, or v24.11.1
  --node-dist URL           where Node.js releases are (default https://nodejs.org/dist; file:// works)

Safety:
  It refuses, before changing anything, when run over SSH from an address that --ssh-allow does not
  let in, when sshd listens on a port other than 22, or when no --admin user could log in and sudo.
  --dry-run                 print every change (files with a diff, or "create"; commands) and change nothing
  --root DIR                (tests) write every file under DIR instead of /, and read the accounts from
                            DIR/etc/passwd, group and shadow; commands that change the running system
                            (apt-get, useradd, groupadd, usermod, gpasswd, systemctl, nft -f, the sshd
                            reload, npm) are printed, not run. Checks that only read (nft -c, and sshd -t
                            when DIR/etc/ssh/sshd_config exists) do run. The state of packages and services
                            cannot be seen under DIR: those commands are printed as "not checked".
  --groupz-cli PATH         (tests) the groupz command to render the firewall with (default: the installed app)
EOF
}

# ---------------------------------------------------------------------------------------------
# Output and bookkeeping

CHANGES=0
ROOT=''
DRY_RUN=0
GROUPZ_CLI=''
KNOWN_HOSTS_FILE=''
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

say() { printf '%s\n' "$*"; }
die() {
  printf 'provision.sh: %s\n' "$*" >&2
  exit 1
}
usage_error() {
  printf 'provision.sh: %s\n\n' "$*" >&2
  usage >&2
  exit 2
}

# A change of a file or directory, as it is made (or would be, with --dry-run).
change() {
  CHANGES=$((CHANGES + 1))
  if ((DRY_RUN)); then say "would $*"; else say "$*"; fi
}

shown() { printf '%q ' "$@" | sed 's/ $//'; }

# run CMD...: a command that changes the running system. --dry-run and --root print it instead.
run() {
  CHANGES=$((CHANGES + 1))
  if ((DRY_RUN)); then
    say "would run: $(shown "$@")"
  elif [[ -n $ROOT ]]; then
    say "--root, not run: $(shown "$@")"
  else
    say "run: $(shown "$@")"
    "$@"
  fi
}

# unchecked CMD...: under --root the running system's state (packages, services) is not seen, so
# the command that would make sure of it is printed, and not counted as a change.
unchecked() { say "--root, not checked, not run: $(shown "$@")"; }

# Secrets never reach the output: the secret key and database URLs are masked in diffs.
masked() { sed -E -e 's/^(GROUPZ_SECRET_KEY=).*/\1(hidden)/' -e 's#(://[^/:@[:space:]]*):[^@/[:space:]]*@#\1:(hidden)@#g' "$1"; }

# ---------------------------------------------------------------------------------------------
# Accounts, read from (ROOT)/etc so that --root sees its own

id_of() { # passwd|group NAME: the numeric id
  [[ $2 == root ]] && {
    echo 0
    return
  }
  awk -F: -v name="$2" '$1 == name { print $3; found = 1 } END { exit !found }' "$ROOT/etc/$1" 2>/dev/null
}
home_of() { awk -F: -v name="$1" '$1 == name { print $6 }' "$ROOT/etc/passwd" 2>/dev/null; }
members_of() { awk -F: -v name="$1" '$1 == name { gsub(",", " ", $4); print $4 }' "$ROOT/etc/group" 2>/dev/null; }
in_group() { [[ " $(members_of "$1") " == *" $2 "* ]]; }

# ---------------------------------------------------------------------------------------------
# Files

set_attrs() { # PATH MODE OWNER GROUP [new]: "new" when the path was just created (and so reported)
  local path=$1 mode=${2#0} owner=$3 group=$4 new=${5:-} target=$ROOT$1 uid gid now
  [[ -e $target || -L $target ]] || return 0
  now=$(stat -c '%a' "$target")
  if [[ $now != "$mode" ]]; then
    [[ -n $new ]] || change "chmod $mode $path (was $now)"
    ((DRY_RUN)) || chmod "$mode" "$target"
  fi
  if ! uid=$(id_of passwd "$owner") || ! gid=$(id_of group "$group"); then
    run chown "$owner:$group" "$path"
    return
  fi
  now=$(stat -c '%u:%g' "$target")
  if [[ $now != "$uid:$gid" ]]; then
    [[ -n $new ]] || change "chown $owner:$group $path (was $(stat -c '%U:%G' "$target"))"
    ((DRY_RUN)) || chown "$uid:$gid" "$target"
  fi
}

make_parent() { (umask 022 && mkdir -p "$(dirname "$1")"); }

# put_file PATH MODE OWNER GROUP < CONTENT: PATH holds CONTENT afterwards. FILE_CHANGED says whether
# its content changed; a changed file is replaced at once (written beside it, then renamed).
FILE_CHANGED=0
put_file() {
  local path=$1 target=$ROOT$1 new created='' uid gid
  new=$(mktemp "$WORK/new.XXXXXX")
  cat >"$new"
  FILE_CHANGED=0
  if [[ ! -f $target ]] || ! cmp -s "$new" "$target"; then
    FILE_CHANGED=1
    if [[ -f $target ]]; then
      change "update $path:"
      diff -u --label "$path (now)" --label "$path (new)" <(masked "$target") <(masked "$new") || true
    else
      change "create $path ($2 $3:$4)"
      created=new
    fi
    if ((!DRY_RUN)); then
      make_parent "$target"
      cp "$new" "$target.provision-new"
      chmod "${2#0}" "$target.provision-new"
      if uid=$(id_of passwd "$3") && gid=$(id_of group "$4"); then chown "$uid:$gid" "$target.provision-new"; fi
      mv -f "$target.provision-new" "$target"
    fi
  fi
  set_attrs "$@" "$created"
}

ensure_dir() { # PATH MODE OWNER GROUP
  local created=''
  if [[ ! -d $ROOT$1 ]]; then
    change "create directory $1 ($2 $3:$4)"
    ((DRY_RUN)) || (make_parent "$ROOT$1" && mkdir -m "${2#0}" "$ROOT$1")
    created=new
  fi
  set_attrs "$@" "$created"
}

ensure_link() { # PATH TARGET
  [[ $(readlink "$ROOT$1" 2>/dev/null) == "$2" ]] && return
  change "link $1 -> $2"
  ((DRY_RUN)) || (make_parent "$ROOT$1" && ln -sfn "$2" "$ROOT$1")
}

# ---------------------------------------------------------------------------------------------
# Options: the command line over what the last run recorded

declare -A cfg=()
declare -A given=()
while (($#)); do
  case $1 in
    --dry-run) DRY_RUN=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    --*=*) set -- "${1%%=*}" "${1#*=}" "${@:2}" && continue ;;
    --root | --groupz-cli | --backup-known-hosts | --public-url | --ssh-allow | --admin | --backup-remote | --database-url | \
      --acme-email | --acme-directory | --smtp-url | --mail-from | --node-version | --node-dist)
      (($# >= 2)) || usage_error "$1 needs a value"
      case $1 in
        --root) ROOT=${2%/} ;;
        --groupz-cli) GROUPZ_CLI=$2 ;;
        --backup-known-hosts) KNOWN_HOSTS_FILE=$2 ;;
        *) given[${1#--}]=$2 ;;
      esac
      shift
      ;;
    *) usage_error "unknown option: $1" ;;
  esac
  shift
done

[[ $EUID -eq 0 ]] || die "run this as root (sudo $0 ...)"
if [[ -n $ROOT ]]; then
  [[ -d $ROOT && $ROOT == /* ]] || usage_error "--root needs an existing directory, as an absolute path"
  [[ -n $GROUPZ_CLI ]] || usage_error "--root needs --groupz-cli: the app is not built under --root"
fi
readonly ROOT DRY_RUN

if [[ -f $ROOT$ETC/provision.conf ]]; then
  while IFS= read -r line; do
    key=${line%%=*}
    [[ " ${OPTIONS[*]} " == *" $key "* ]] && cfg[$key]=${line#*=}
  done <"$ROOT$ETC/provision.conf"
fi
for key in "${!given[@]}"; do cfg[$key]=${given[$key]}; done
for key in "${OPTIONS[@]}"; do : "${cfg[$key]:=}"; done
: "${cfg[node-version]:=lts}" "${cfg[node-dist]:=https://nodejs.org/dist}"
: "${cfg[acme-directory]:=https://acme-v02.api.letsencrypt.org/directory}"

# ---------------------------------------------------------------------------------------------
# Addresses: the SSH allowlist, with the same rules as `groupz deploy nftables`

ipv4_int() { # A.B.C.D: its 32-bit value; fails on anything else
  local octet='(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])'
  [[ $1 =~ ^$octet\.$octet\.$octet\.$octet$ ]] || return 1
  echo $(((BASH_REMATCH[1] << 24) | (BASH_REMATCH[2] << 16) | (BASH_REMATCH[3] << 8) | BASH_REMATCH[4]))
}

ipv6_hex() { # an IPv6 address: its 32 hex digits; fails on anything else
  local addr=${1,,} v4 head tail group out='' missing
  local -a groups=() front=() back=()
  if [[ $addr =~ ^(.*:)([0-9.]+)$ && ${BASH_REMATCH[2]} == *.* ]]; then
    v4=$(ipv4_int "${BASH_REMATCH[2]}") || return 1
    addr=$(printf '%s%x:%x' "${BASH_REMATCH[1]}" $((v4 >> 16)) $((v4 & 0xffff)))
  fi
  [[ $addr =~ ^[0-9a-f:]+$ ]] || return 1
  if [[ $addr == *::* ]]; then
    [[ $addr == *::*::* ]] && return 1
    head=${addr%%::*} tail=${addr#*::}
    [[ -n $head ]] && IFS=: read -ra front <<<"$head"
    [[ -n $tail ]] && IFS=: read -ra back <<<"$tail"
    missing=$((8 - ${#front[@]} - ${#back[@]}))
    ((missing >= 1)) || return 1
    groups=("${front[@]}")
    while ((missing--)); do groups+=(0); done
    groups+=("${back[@]}")
  else
    IFS=: read -ra groups <<<"$addr"
    [[ $addr == *: ]] && return 1
  fi
  ((${#groups[@]} == 8)) || return 1
  for group in "${groups[@]}"; do
    [[ $group =~ ^[0-9a-f]{1,4}$ ]] || return 1
    out+=$(printf '%04x' "0x$group")
  done
  echo "$out"
}

# Checks one allowlist entry (address or prefix); prints "4" or "6".
entry_family() {
  local address=${1%/*} bits=''
  [[ $1 == */* ]] && bits=${1#*/}
  [[ -z $bits || $bits =~ ^[0-9]{1,3}$ ]] || return 1
  if ipv4_int "$address" >/dev/null; then
    [[ -z $bits ]] || ((10#$bits >= 8 && 10#$bits <= 32)) || return 1
    echo 4
  elif ipv6_hex "$address" >/dev/null; then
    [[ -z $bits ]] || ((10#$bits >= 16 && 10#$bits <= 128)) || return 1
    echo 6
  else
    return 1
  fi
}

# allowlist_includes LIST ADDRESS: whether ADDRESS (IPv4, IPv6 or IPv4-mapped IPv6) is in LIST.
allowlist_includes() {
  local entry address=${2,,} bits net mine mask full rest
  [[ $address =~ ^::ffff:([0-9.]+)$ ]] && address=${BASH_REMATCH[1]}
  IFS=, read -ra entries <<<"$1"
  for entry in "${entries[@]}"; do
    entry=${entry//[[:space:]]/}
    [[ -n $entry ]] || continue
    bits=''
    [[ $entry == */* ]] && bits=$((10#${entry#*/}))
    if net=$(ipv4_int "${entry%/*}") && mine=$(ipv4_int "$address"); then
      mask=$(((0xffffffff << (32 - ${bits:-32})) & 0xffffffff))
      (((net & mask) == (mine & mask))) && return 0
    elif net=$(ipv6_hex "${entry%/*}") && mine=$(ipv6_hex "$address"); then
      bits=${bits:-128} full=$((bits / 4)) rest=$((bits % 4))
      [[ ${net:0:full} == "${mine:0:full}" ]] || continue
      ((rest == 0)) && return 0
      (((0x${net:full:1} >> (4 - rest)) == (0x${mine:full:1} >> (4 - rest)))) && return 0
    fi
  done
  return 1
}

# The address this session came from over SSH, if it did. sudo drops SSH_CONNECTION from the
# environment, so under sudo it is looked up in the environments of the processes above this one.
ssh_client() {
  local pid=$$ found=${SSH_CONNECTION:-${SSH_CLIENT:-}}
  if [[ -z $found && -n ${SUDO_USER:-} ]]; then
    while [[ -z $found && $pid -gt 1 ]]; do
      pid=$(awk '/^PPid:/ { print $2 }' "/proc/$pid/status" 2>/dev/null) || break
      [[ -n $pid ]] || break
      found=$(tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | sed -n 's/^SSH_CONNECTION=//p' | head -n 1)
    done
  fi
  [[ -n $found ]] && echo "${found%% *}"
}

# ---------------------------------------------------------------------------------------------
# Checks made before anything changes

# The host of an https URL without port or path; a bare IPv4 address is not one (ACME needs a name,
# and the service answers on 443 only).
url_host() {
  [[ $1 =~ ^https://([a-z0-9.-]+)/?$ ]] || return 1
  local host=${BASH_REMATCH[1]}
  [[ ! $host =~ ^[0-9.]+$ ]] && echo "$host"
}

check_options() {
  local entry
  [[ -n ${cfg[public-url]} ]] || usage_error "--public-url is needed (the first time)"
  [[ -n ${cfg[ssh-allow]} ]] || usage_error "--ssh-allow is needed (the first time): who may use SSH"
  [[ -n ${cfg[admin]} ]] || usage_error "--admin is needed (the first time): who may log in over SSH"
  [[ -n ${cfg[acme-email]} ]] || usage_error "--acme-email is needed (the first time): the certificate authority's contact for this server"
  url_host "${cfg[public-url]}" >/dev/null || usage_error "--public-url must be https://HOST: a name in lower case, no port, no path: ${cfg[public-url]}"
  IFS=, read -ra entries <<<"${cfg[ssh-allow]}"
  for entry in "${entries[@]}"; do
    entry=${entry//[[:space:]]/}
    [[ -z $entry ]] || entry_family "$entry" >/dev/null ||
      usage_error "--ssh-allow: not an address or prefix, or a prefix too wide for SSH (IPv4 /8 or longer, IPv6 /16 or longer): $entry"
  done
  [[ -z ${cfg[database-url]} || ${cfg[database-url]} =~ ^postgres(ql)?:// ]] ||
    usage_error "--database-url must be a postgres:// URL (or empty for SQLite)"
  [[ ${cfg[acme-email]} =~ ^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$ ]] || usage_error "--acme-email must be an email address"
  [[ ${cfg[acme-directory]} =~ ^https:// ]] || usage_error "--acme-directory must be an https:// URL"
  [[ -z ${cfg[smtp-url]} || ${cfg[smtp-url]} =~ ^smtps?://[^/]+ ]] || usage_error "--smtp-url must be smtp://... or smtps://..."
  [[ -z ${cfg[mail-from]} || ${cfg[mail-from]} =~ ^[^@[:space:]]+@[^@[:space:]]+$ ]] || usage_error "--mail-from must be an email address"
  [[ ${cfg[node-version]} =~ ^(lts|[0-9]+|v?[0-9]+\.[0-9]+\.[0-9]+)$ ]] ||
    usage_error "--node-version must be lts, a major version (24) or a release (v24.11.1)"
  local value
  for value in "${cfg[@]}"; do
    [[ $value != *[$'\n\'']* ]] || usage_error "option values must not hold a quote or a line break"
  done
  if [[ ${cfg[backup-remote]} == sftp:* && -z $KNOWN_HOSTS_FILE && ! -f $ROOT$ETC/backup_known_hosts ]]; then
    local host=${cfg[backup-remote]#sftp:}
    host=${host#//}
    host=${host%%[:/]*}
    usage_error "an sftp backup needs the backup host's key: run
  ssh-keyscan ${host#*@} > /root/backup_known_hosts
compare its fingerprints (ssh-keygen -lf /root/backup_known_hosts) with the host's own, then add
  --backup-known-hosts /root/backup_known_hosts"
  fi
  [[ -z $KNOWN_HOSTS_FILE || -s $KNOWN_HOSTS_FILE ]] || usage_error "--backup-known-hosts: no such file, or empty: $KNOWN_HOSTS_FILE"
}

check_ssh_client() {
  local client
  client=$(ssh_client) || {
    say "Not run over SSH: no SSH client address to check against --ssh-allow."
    return 0
  }
  allowlist_includes "${cfg[ssh-allow]}" "$client" ||
    die "refusing to lock you out: you are connected over SSH from $client, which --ssh-allow (${cfg[ssh-allow]}) does not let in. Add it, e.g. --ssh-allow ${cfg[ssh-allow]},$client. Nothing was changed."
  say "SSH client $client is in --ssh-allow."
}

sshd_effective() { # sshd -T of the configuration (ROOT's when --root), or nothing when it cannot be read
  if [[ -n $ROOT ]]; then
    [[ -f $ROOT/etc/ssh/sshd_config ]] && /usr/sbin/sshd -T -f "$ROOT/etc/ssh/sshd_config" 2>&1
  elif [[ -x /usr/sbin/sshd ]]; then
    mkdir -p /run/sshd
    /usr/sbin/sshd -T 2>&1
  fi
}

check_sshd_port() {
  local effective ports
  effective=$(sshd_effective) || return 0
  ports=$(awk '$1 == "port" { print $2 }' <<<"$effective" | sort -u | tr '\n' ' ')
  [[ -z $ports || $ports == "22 " ]] ||
    die "refusing to lock you out: sshd listens on port ${ports% }, but the firewall lets SSH in on port 22 only. Nothing was changed."
}

# A key line, not a comment: "# ssh-ed25519 AAAA..." lets nobody in.
has_key() { grep -Eqs '^[^#]*(^|[[:space:]])(ssh-(ed25519|rsa)|ecdsa-sha2-nistp[0-9]+|sk-[a-z0-9@.-]+) AAAA' "$1"/.ssh/authorized_keys "$1"/.ssh/authorized_keys2; }

can_sudo() { # named in a sudoers.d rule (cloud images' NOPASSWD users), or in group sudo with a password
  local password
  grep -Eqs "^[[:space:]]*$1[[:space:]]" "$ROOT"/etc/sudoers.d/* && return 0
  in_group sudo "$1" || return 1
  password=$(awk -F: -v name="$1" '$1 == name { print $2 }' "$ROOT/etc/shadow" 2>/dev/null)
  [[ -n $password && $password != '!'* && $password != '*'* ]]
}

check_admins() {
  local admin home
  IFS=, read -ra admins <<<"${cfg[admin]}"
  for admin in "${admins[@]}"; do
    [[ $admin != root ]] || die "--admin root: sshd will refuse root; name a personal account. Nothing was changed."
    home=$(home_of "$admin")
    [[ -n $home ]] || die "--admin $admin: no such user. Create it first (adduser $admin; usermod -aG sudo $admin) and give it your key. Nothing was changed."
    has_key "$ROOT$home" || die "--admin $admin has no key in $home/.ssh/authorized_keys, so could not log in once passwords are off. Put the public key there first (install -d -m 700 -o $admin -g $admin $home/.ssh && install -m 600 -o $admin -g $admin KEY.pub $home/.ssh/authorized_keys). Nothing was changed."
    can_sudo "$admin" || die "--admin $admin could log in but not become root: add it to group sudo with a password (usermod -aG sudo $admin; passwd $admin). Nothing was changed."
  done
  if [[ -n ${SUDO_USER:-} && $SUDO_USER != root && " ${admins[*]} " != *" $SUDO_USER "* ]]; then
    say "Note: you ($SUDO_USER) are not among --admin (${cfg[admin]}): after this run only they may log in over SSH."
  fi
}

# ---------------------------------------------------------------------------------------------
# Steps

install_packages() {
  local wanted=(ca-certificates curl openssl sudo nftables openssh-server openssh-client restic unattended-upgrades python3 make g++)
  local missing=() package
  [[ -n ${cfg[database-url]} ]] && wanted+=(postgresql-client)
  if [[ -n $ROOT ]]; then
    unchecked apt-get install -y --no-install-recommends "${wanted[@]}"
    return
  fi
  for package in "${wanted[@]}"; do
    [[ $(dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null) == ii* ]] || missing+=("$package")
  done
  ((${#missing[@]})) || return 0
  run apt-get update -q
  run env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

fetch() { curl --fail --silent --show-error --location --proto '=https,file' --proto-redir '=https' --output "$2" "$1"; }

# The release --node-version names: the newest LTS, the newest of a major, or the one given.
node_release() {
  local version=${cfg[node-version]}
  if [[ $version =~ ^v?[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    echo "v${version#v}"
    return
  fi
  fetch "${cfg[node-dist]}/index.tab" "$WORK/index.tab" || return 1
  if [[ $version == lts ]]; then
    awk -F'\t' 'NR > 1 && $10 != "-" { print $1; exit }' "$WORK/index.tab"
  else
    awk -F'\t' -v major="v$version." 'NR > 1 && index($1, major) == 1 { print $1; exit }' "$WORK/index.tab"
  fi
}

NODE_VERSION=''
install_node() {
  local arch name tarball expected actual old
  case $(uname -m) in
    x86_64) arch=x64 ;;
    aarch64) arch=arm64 ;;
    *) die "no Node.js release for this machine ($(uname -m))" ;;
  esac
  if ! NODE_VERSION=$(node_release) || [[ -z $NODE_VERSION ]]; then
    die "cannot tell which Node.js release to install from ${cfg[node-dist]}/index.tab"
  fi
  if [[ ! $NODE_VERSION =~ ^v([0-9]+)\.([0-9]+)\. ]] || ((BASH_REMATCH[1] < 20 || (BASH_REMATCH[1] == 20 && BASH_REMATCH[2] < 12))); then
    die "Groupz needs Node.js 20.12 or newer, not $NODE_VERSION"
  fi
  name=node-$NODE_VERSION-linux-$arch
  if [[ ! -x $ROOT$NODE_HOME/$name/bin/node ]]; then
    tarball=$name.tar.gz
    if ((DRY_RUN)); then
      change "install Node.js $NODE_VERSION into $NODE_HOME/$name (${cfg[node-dist]}/$NODE_VERSION/$tarball, checked against SHASUMS256.txt)"
    else
      say "Downloading Node.js $NODE_VERSION from ${cfg[node-dist]}"
      fetch "${cfg[node-dist]}/$NODE_VERSION/SHASUMS256.txt" "$WORK/SHASUMS256.txt" || die "cannot download SHASUMS256.txt of Node.js $NODE_VERSION"
      fetch "${cfg[node-dist]}/$NODE_VERSION/$tarball" "$WORK/$tarball" || die "cannot download $tarball"
      expected=$(awk -v file="$tarball" '$2 == file { print $1 }' "$WORK/SHASUMS256.txt")
      actual=$(sha256sum "$WORK/$tarball" | cut -d' ' -f1)
      [[ -n $expected ]] || die "SHASUMS256.txt of Node.js $NODE_VERSION does not list $tarball: not installed"
      [[ $actual == "$expected" ]] ||
        die "checksum mismatch: $tarball has SHA-256 $actual, but SHASUMS256.txt says $expected. Refusing to install it."
      say "$tarball matches SHASUMS256.txt ($actual)"
      change "install Node.js $NODE_VERSION into $NODE_HOME/$name"
      (umask 022 && mkdir -p "$ROOT$NODE_HOME/.partial" && tar -xzf "$WORK/$tarball" --no-same-owner -C "$ROOT$NODE_HOME/.partial")
      [[ -x $ROOT$NODE_HOME/.partial/$name/bin/node ]] || die "$tarball does not hold $name/bin/node"
      mv "$ROOT$NODE_HOME/.partial/$name" "$ROOT$NODE_HOME/$name"
      rmdir "$ROOT$NODE_HOME/.partial"
    fi
  fi
  ensure_link /usr/local/bin/node "$NODE_HOME/$name/bin/node"
  ensure_link /usr/local/bin/npm "$NODE_HOME/$name/bin/npm"
  ensure_link /usr/local/bin/npx "$NODE_HOME/$name/bin/npx"
  for old in "$ROOT$NODE_HOME"/node-v*; do
    [[ -e $old && $old != "$ROOT$NODE_HOME/$name" ]] || continue
    change "remove the Node.js before it, ${old#"$ROOT"}"
    ((DRY_RUN)) || rm -rf "$old"
  done
}

ensure_accounts() {
  local admin member
  id_of group groupz >/dev/null || run groupadd --system groupz
  id_of passwd groupz >/dev/null ||
    run useradd --system --gid groupz --home-dir "$DATA" --no-create-home --shell /usr/sbin/nologin --comment "Groupz platform" groupz
  id_of group groupz-ssh >/dev/null || run groupadd --system groupz-ssh
  IFS=, read -ra admins <<<"${cfg[admin]}"
  for admin in "${admins[@]}"; do
    in_group groupz-ssh "$admin" || run usermod --append --groups groupz-ssh "$admin"
  done
  for member in $(members_of groupz-ssh); do
    [[ " ${admins[*]} " == *" $member "* ]] || run gpasswd --delete "$member" groupz-ssh
  done
}

# One KEY=value line, quoted when the value holds more than plain URL and path characters.
setting() { if [[ $2 =~ ^[A-Za-z0-9_./:@%+=,~-]*$ ]]; then echo "$1=$2"; else echo "$1='$2'"; fi; }

readonly MARKER='# ---- Your own settings go below this line: provision.sh keeps them (see the README). ----'

write_settings() {
  local env=$ROOT$ETC/groupz.env secret listen=:: remote=${cfg[backup-remote]}
  secret=''
  [[ ! -f $env ]] || secret=$(sed -n 's/^GROUPZ_SECRET_KEY=//p' "$env" | tail -n 1)
  if [[ ! $secret =~ ^[0-9a-f]{64}$ ]]; then
    [[ -z $secret ]] || die "$ETC/groupz.env holds a GROUPZ_SECRET_KEY that is not 64 hex characters: fix it by hand (never replace a key in use)"
    if ((DRY_RUN)); then secret=$(printf '0%.0s' {1..64}); else secret=$(openssl rand -hex 32); fi
    if ((DRY_RUN)); then say "GROUPZ_SECRET_KEY: would be generated"; else say "GROUPZ_SECRET_KEY: generated (kept on every later run; copy $ETC/groupz.env somewhere safe)"; fi
  fi
  [[ -e /proc/net/if_inet6 ]] || listen=0.0.0.0
  {
    echo "# $ETC/groupz.env: the settings of groupz serve (README: Configuration)."
    echo "# Written by deploy/provision.sh from its options; a re-run rewrites the lines above the marker"
    echo "# and never changes GROUPZ_SECRET_KEY."
    setting GROUPZ_PUBLIC_URL "${cfg[public-url]%/}"
    setting GROUPZ_HOST "$listen"
    setting GROUPZ_DATA_DIR "$DATA"
    setting GROUPZ_DEMO off
    setting GROUPZ_TLS acme
    setting GROUPZ_ACME_DIRECTORY_URL "${cfg[acme-directory]}"
    setting GROUPZ_ACME_EMAIL "${cfg[acme-email]}"
    [[ -z ${cfg[database-url]} ]] || setting GROUPZ_DATABASE_URL "${cfg[database-url]}"
    [[ -z ${cfg[smtp-url]} ]] || setting GROUPZ_SMTP_URL "${cfg[smtp-url]}"
    [[ -z ${cfg[mail-from]} ]] || setting GROUPZ_MAIL_FROM "${cfg[mail-from]}"
    setting GROUPZ_BACKUP_LOCAL_REPO "$BACKUPS"
    [[ -z $remote ]] || setting GROUPZ_BACKUP_REMOTE_REPO "$remote"
    setting GROUPZ_BACKUP_PASSWORD_FILE "$ETC/backup-password"
    if [[ $remote == sftp:* ]]; then
      setting GROUPZ_BACKUP_SSH_KEY_FILE "$ETC/backup_ed25519"
      setting GROUPZ_BACKUP_SSH_KNOWN_HOSTS_FILE "$ETC/backup_known_hosts"
    fi
    setting GROUPZ_SECRET_KEY "$secret"
    echo "$MARKER"
    if [[ -f $env ]]; then awk -v marker="$MARKER" 'mine { print } $0 == marker { mine = 1 }' "$env"; fi
  } | put_file "$ETC/groupz.env" 0640 root groupz
  SETTINGS_CHANGED=$FILE_CHANGED
  local key
  for key in "${OPTIONS[@]}"; do echo "$key=${cfg[$key]}"; done | put_file "$ETC/provision.conf" 0600 root root
}

write_backup_secrets() {
  local created=''
  if [[ ! -f $ROOT$ETC/backup-password ]]; then
    change "create $ETC/backup-password (0640 root:groupz): a new random password for the backups"
    ((DRY_RUN)) || openssl rand -base64 32 >"$ROOT$ETC/backup-password"
    created=new
  fi
  set_attrs "$ETC/backup-password" 0640 root groupz "$created"
  [[ -z $KNOWN_HOSTS_FILE ]] || put_file "$ETC/backup_known_hosts" 0640 root groupz <"$KNOWN_HOSTS_FILE"
  [[ ${cfg[backup-remote]} == sftp:* ]] || return 0
  created=''
  if [[ ! -f $ROOT$ETC/backup_ed25519 ]]; then
    change "create $ETC/backup_ed25519 (0640 root:groupz): the SSH key for the backup host"
    if ((!DRY_RUN)); then
      ssh-keygen -q -t ed25519 -N '' -C "groupz-backup@$(url_host "${cfg[public-url]}")" -f "$ROOT$ETC/backup_ed25519"
      say "Give the backup host this line in the authorized_keys of ${cfg[backup-remote]#sftp:}:"
      say "  restrict,command=\"internal-sftp\" $(cat "$ROOT$ETC/backup_ed25519.pub")"
    fi
    created=new
  fi
  set_attrs "$ETC/backup_ed25519" 0640 root groupz "$created"
  set_attrs "$ETC/backup_ed25519.pub" 0644 root root "$created"
}

APP_CHANGED=0
install_app() {
  local want have
  want="sources $(tar -C "$CHECKOUT" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - "${APP_PATHS[@]}" | sha256sum | cut -c1-64), node $NODE_VERSION"
  have=$(cat "$ROOT$APP/.provisioned" 2>/dev/null || true)
  ensure_dir "$APP" 0755 root root
  if [[ $want != "$have" ]]; then
    APP_CHANGED=1
    change "install the app from $CHECKOUT into $APP (${APP_PATHS[*]})"
    if ((!DRY_RUN)); then
      (cd "$ROOT$APP" && rm -rf "${APP_PATHS[@]}" dist)
      (umask 022 && tar -C "$CHECKOUT" -cf - "${APP_PATHS[@]}" | tar -C "$ROOT$APP" -xf - --no-same-owner)
    fi
    # npm ci installs every dependency and runs the package's prepare script (the build, which
    # needs the development dependencies); prune then leaves only what the server runs.
    umask 022
    run env --chdir="$APP" --unset=NODE_ENV npm ci --no-audit --no-fund
    run env --chdir="$APP" npm prune --omit=dev --no-audit --no-fund
    umask 077
    echo "$want" | put_file "$APP/.provisioned" 0644 root root
  fi
  put_file /usr/local/bin/groupz 0755 root root <"$CHECKOUT/deploy/groupz.sh"
}

render_firewall() { # prints the ruleset, or fails when no groupz command can render it yet
  local cli=("$ROOT/usr/local/bin/node" "$ROOT$APP/bin/groupz.js")
  [[ -z $GROUPZ_CLI ]] || cli=("$GROUPZ_CLI")
  if [[ -z $GROUPZ_CLI && ! -f $ROOT$APP/dist/cli/program.js ]]; then
    ((DRY_RUN)) || die "the app is not built: cannot render the firewall"
    return 1
  fi
  "${cli[@]}" deploy nftables --ssh-allow "${cfg[ssh-allow]}" || die "groupz deploy nftables refused --ssh-allow ${cfg[ssh-allow]}"
}

apply_firewall() {
  local ruleset=$WORK/nftables.conf
  if ! render_firewall >"$ruleset"; then
    change "write /etc/nftables.conf from \`groupz deploy nftables --ssh-allow ${cfg[ssh-allow]}\` once the app is installed, then load it"
    return
  fi
  if command -v nft >/dev/null; then
    nft -c -f "$ruleset" || die "nft -c refused the ruleset groupz rendered: firewall left as it was"
    say "nft -c accepts the firewall ruleset."
  else
    say "nft is not installed yet: the ruleset is checked when nftables loads it"
  fi
  put_file /etc/nftables.conf 0644 root root <"$ruleset"
  if ((FILE_CHANGED)); then
    run systemctl enable nftables.service
    run systemctl reload-or-restart nftables.service
  elif [[ -n $ROOT ]]; then
    unchecked systemctl enable --now nftables.service
  elif ! systemctl is-enabled --quiet nftables.service || ! systemctl is-active --quiet nftables.service; then
    run systemctl enable --now nftables.service
  fi
  if [[ -z $ROOT ]] && command -v ufw >/dev/null && ufw status 2>/dev/null | grep -q 'Status: active'; then
    say "Warning: ufw is active too; a packet must pass both firewalls (ufw disable, if it blocks 80 or 443)."
  fi
}

sshd_check() { # sshd -t, and the settings that matter in effect; prints what is wrong
  local effective setting
  if [[ -n $ROOT && ! -f $ROOT/etc/ssh/sshd_config ]]; then
    say "--root, not run: sshd -t (no $ROOT/etc/ssh/sshd_config to check)" >&2
    return 0
  fi
  if [[ -n $ROOT ]]; then
    /usr/sbin/sshd -t -f "$ROOT/etc/ssh/sshd_config" || return 1
  else
    /usr/sbin/sshd -t || return 1
  fi
  effective=$(sshd_effective)
  for setting in 'passwordauthentication no' 'kbdinteractiveauthentication no' 'permitrootlogin no' \
    'authenticationmethods publickey' 'allowgroups groupz-ssh'; do
    grep -qx "$setting" <<<"$effective" || {
      echo "sshd does not take '$setting' from $SSHD_DROPIN: another file sets it first, or sshd_config does not Include /etc/ssh/sshd_config.d/*.conf"
      return 1
    }
  done
}

apply_sshd() {
  local target=$ROOT$SSHD_DROPIN saved=$WORK/sshd-dropin.before problem
  [[ -f $target ]] && cp -p "$target" "$saved"
  put_file "$SSHD_DROPIN" 0644 root root <"$CHECKOUT/deploy/sshd/groupz.conf"
  ((FILE_CHANGED && !DRY_RUN)) || return 0
  if ! problem=$(sshd_check 2>&1); then
    if [[ -f $saved ]]; then cp -p "$saved" "$target"; else rm -f "$target"; fi
    die "sshd refused the new configuration, so $SSHD_DROPIN was put back as it was and sshd was not reloaded: $problem"
  fi
  [[ -z $problem ]] || say "$problem"
  run systemctl try-reload-or-restart ssh.service
}

apply_service() {
  put_file /etc/apt/apt.conf.d/20auto-upgrades 0644 root root <"$CHECKOUT/deploy/apt/20auto-upgrades"
  put_file /etc/systemd/system/groupz.service 0644 root root <"$CHECKOUT/deploy/systemd/groupz.service"
  local unit_changed=$FILE_CHANGED
  ((unit_changed)) && run systemctl daemon-reload
  if ((unit_changed || APP_CHANGED || SETTINGS_CHANGED)); then
    run systemctl enable groupz.service
    run systemctl restart groupz.service
  elif [[ -n $ROOT ]]; then
    unchecked systemctl enable --now groupz.service
  elif ! systemctl is-enabled --quiet groupz.service || ! systemctl is-active --quiet groupz.service; then
    run systemctl enable --now groupz.service
  fi
}

# ---------------------------------------------------------------------------------------------

[[ -n $ROOT ]] && say "--root $ROOT: files go under it; commands that change the running system are printed, not run."
((DRY_RUN)) && say "--dry-run: nothing is changed; every change is printed."
check_options
check_ssh_client
check_sshd_port
check_admins

install_packages
install_node
ensure_accounts
ensure_dir "$DATA" 0700 groupz groupz
ensure_dir "$BACKUPS" 0700 groupz groupz
ensure_dir "$ETC" 0750 root groupz
SETTINGS_CHANGED=0
write_settings
write_backup_secrets
install_app
apply_firewall
apply_sshd
apply_service

if ((CHANGES == 0)); then
  say "No change: this server already matches."
elif ((DRY_RUN)); then
  say "--dry-run: $CHANGES change(s) above would be made; nothing was changed."
else
  say "Done: $CHANGES change(s)."
fi
[[ -n ${cfg[backup-remote]} ]] ||
  say "Warning: no --backup-remote: backups stay on this server only. The guidelines promise a second location."
say "Keep a copy of $ETC/backup-password and $ETC/groupz.env (GROUPZ_SECRET_KEY) off this server: without them no backup can be read."
