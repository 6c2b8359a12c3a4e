-- End-to-end test of the Neovim integration, with a real Neovim (0.11+) and a real mufi-lsp.
--
--   MUFI_LSP_BIN=/path/to/mufi-lsp nvim --headless --clean -l editors/neovim/test/e2e.lua [case…]
--
-- Run without case names, this is the driver: it links MUFI_LSP_BIN as `mufi-lsp` into a temp
-- folder put first on PATH (so the shipped `cmd = { "mufi-lsp" }` is used unchanged) and runs
-- each case in its own Neovim, as a new user would: a fresh config/data/state home whose
-- init.lua is made of the Lua blocks of editors/neovim/README.md (marked `<!-- e2e: NAME -->`),
-- with `/path/to/mufi-lsp` replaced by this checkout. It prints one line per passed case, and
-- on a failure the reason and the LSP log, then exits 1. Every wait has a timeout.
--
-- Run with a case name (by the driver), it is that case, inside the prepared Neovim.

local uv = vim.uv
local script = vim.fs.normalize(vim.fn.fnamemodify(arg[0], ":p"))
local neovim_dir = vim.fs.dirname(vim.fs.dirname(script)) -- editors/neovim
local repo = vim.fs.dirname(vim.fs.dirname(neovim_dir))

--- Output goes to stdout (print() goes to stderr under -l).
local function say(line)
  io.stdout:write(line, "\n")
end

--- Exits through Neovim (not os.exit) so that it cleans up after itself.
local function quit(code)
  io.stdout:flush()
  if code == 0 then
    vim.cmd("qall!")
  else
    vim.cmd("cquit " .. code)
  end
end

local WAIT_MS = 20000 -- any single wait inside a case
local CASE_MS = 60000 -- a whole case, in the driver

---------------------------------------------------------------------------------------------
-- Cases (run inside the child Neovim)
---------------------------------------------------------------------------------------------

local notes = {} -- vim.notify messages
local complaints = {} -- Error/Warning messages from the server (showMessage, logMessage)
local orig_notify = vim.notify
vim.notify = function(msg, level, opts)
  notes[#notes + 1] = { msg = tostring(msg), level = level or vim.log.levels.INFO }
  return orig_notify(msg, level, opts)
end

local function fail(fmt, ...)
  error({ e2e = string.format(fmt, ...) }, 0)
end

local function check(cond, fmt, ...)
  if not cond then
    fail(fmt, ...)
  end
end

--- A temp folder that is not inside any git repository (nor any other root marker).
local function project_dir()
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, "p")
  local marker = vim.fs.root(dir, { ".git", "package.json", "pyproject.toml", "mufi-lsp.toml" })
  check(marker == nil, "temp dir %s is inside a project (%s): cannot test outside one", dir, tostring(marker))
  return dir
end

--- Writes `lines` to dir/name and opens it (`:edit`, which fires FileType).
local function open(dir, name, lines)
  local path = dir .. "/" .. name
  vim.fn.writefile(lines, path)
  vim.cmd.edit(vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf(), path
end

local function mufi_client(buf)
  return vim.lsp.get_clients({ bufnr = buf, name = "mufi_lsp" })[1]
end

local function wait_client(buf)
  local ok = vim.wait(WAIT_MS, function()
    local c = mufi_client(buf)
    return c ~= nil and c.initialized
  end, 20)
  check(
    ok,
    "no initialized mufi_lsp client on %s (filetype %q) within %d ms; clients: %s",
    vim.api.nvim_buf_get_name(buf),
    vim.bo[buf].filetype,
    WAIT_MS,
    vim.inspect(vim.tbl_map(function(c)
      return c.name
    end, vim.lsp.get_clients({ _uninitialized = true })))
  )
  return mufi_client(buf)
end

--- Diagnostics in `buf` published by the mufi_lsp client (push or pull).
local function diags(buf, client)
  local out = {}
  for _, pull in ipairs({ false, true }) do
    local ns = vim.lsp.diagnostic.get_namespace(client.id, pull)
    vim.list_extend(out, vim.diagnostic.get(buf, { namespace = ns }))
  end
  return out
end

local function with_code(list, code, lnum)
  return vim.tbl_filter(function(d)
    return d.code == code and (lnum == nil or d.lnum == lnum)
  end, list)
end

local function describe(list)
  local s = {}
  for _, d in ipairs(list) do
    s[#s + 1] = string.format("%s@%d:%d(sev %d)", tostring(d.code), d.lnum + 1, d.col + 1, d.severity)
  end
  return "[" .. table.concat(s, ", ") .. "]"
end

local function wait_for(buf, client, what, pred)
  local ok = vim.wait(WAIT_MS, function()
    return pred(diags(buf, client))
  end, 20)
  check(ok, "timed out after %d ms waiting for %s; diagnostics now: %s", WAIT_MS, what, describe(diags(buf, client)))
  return diags(buf, client)
end

--- Puts the cursor on the finding and applies the preferred quick fix with Neovim's own
--- code-action machinery; waits for the buffer to change; returns the finding's new line.
local function apply_preferred_fix(buf, d)
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  local tick = vim.b[buf].changedtick
  local seen = {}
  vim.lsp.buf.code_action({
    apply = true,
    filter = function(a)
      seen[#seen + 1] = a.title .. (a.isPreferred and " (preferred)" or "")
      return a.isPreferred == true
    end,
  })
  local ok = vim.wait(WAIT_MS, function()
    return vim.b[buf].changedtick ~= tick
  end, 20)
  check(ok, "the preferred quick fix did not change the buffer within %d ms; actions seen: %s; messages: %s",
    WAIT_MS, vim.inspect(seen), vim.inspect(notes))
  return vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, true)[1], seen
end

local function line(buf, lnum)
  return vim.api.nvim_buf_get_lines(buf, lnum, lnum + 1, true)[1]
end

local cases = {}
local order = {}
local function case(name, fn)
  cases[name] = fn
  order[#order + 1] = name
end

-- 1. 0.11, folder on the runtimepath + vim.lsp.enable: MUFI003 in TypeScript, quick fix.
case("ts-http-quickfix", function()
  local dir = project_dir()
  local buf = open(dir, "api.ts", { "// Mufi client settings", 'const BASE = "http://api.mufi.app/v1";' })
  check(vim.bo[buf].filetype == "typescript", "filetype is %q, not typescript", vim.bo[buf].filetype)
  local client = wait_client(buf)
  check(client.config.cmd[1] == "mufi-lsp", "cmd is %s, not the shipped one", vim.inspect(client.config.cmd))
  local d = wait_for(buf, client, "MUFI003 on line 2", function(l)
    return #with_code(l, "MUFI003", 1) > 0
  end)
  local finding = with_code(d, "MUFI003", 1)[1]
  local fixed = apply_preferred_fix(buf, finding)
  check(fixed == 'const BASE = "https://api.mufi.app/v1";', "line after the fix: %s", fixed)
  wait_for(buf, client, "the diagnostics to clear after the fix", function(l)
    return #l == 0
  end)
  -- The README's check: :checkhealth vim.lsp shows the client and the enabled config, no warning.
  vim.cmd("checkhealth vim.lsp")
  local health = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
  check(health:find("- mufi_lsp (id: ", 1, true) and health:find("Enabled Configurations", 1, true)
    and health:find("- mufi_lsp:", 1, true), ":checkhealth vim.lsp does not show mufi_lsp:\n%s", health)
  check(not health:find("WARNING", 1, true) and not health:find("ERROR", 1, true), ":checkhealth vim.lsp warns:\n%s", health)
  return "MUFI003 on a .ts file outside git, preferred quick fix gave https://, diagnostics cleared, :checkhealth clean"
end)

-- 2. 0.11, file copied into ~/.config/nvim/lsp/: MUFI004 in Python, quick fix.
case("py-tls-quickfix", function()
  local dir = project_dir()
  local buf = open(dir, "client.py", {
    "import requests",
    "",
    "",
    "def fetch(url):",
    "    return requests.get(url, verify=False)",
  })
  local client = wait_client(buf)
  local d = wait_for(buf, client, "MUFI004 on line 5", function(l)
    return #with_code(l, "MUFI004", 4) > 0
  end)
  local fixed = apply_preferred_fix(buf, with_code(d, "MUFI004", 4)[1])
  check(fixed == "    return requests.get(url, verify=True)", "line after the fix: %s", fixed)
  wait_for(buf, client, "the diagnostics to clear after the fix", function(l)
    return #l == 0
  end)
  return "MUFI004 (verify=False) in Python via ~/.config/nvim/lsp/, quick fix set verify=True, cleared"
end)

-- 3. Settings: the README's example plus rules.MUFI003 = "off" from the start, then the
--    README's run-time change (MUFI003 → warning), which the server must apply on its own.
case("settings", function()
  local dir = project_dir()
  local seen003 = false
  -- Every publish counts, from the first one on: MUFI003 must never show up.
  vim.api.nvim_create_autocmd("DiagnosticChanged", {
    callback = function(ev)
      local c = mufi_client(ev.buf)
      seen003 = seen003 or (c ~= nil and #with_code(diags(ev.buf, c), "MUFI003") > 0)
    end,
  })
  local buf = open(dir, "sync.py", {
    "import requests",
    "",
    'BASE = "http://api.mufi.app/v1"',
    'CACHE = "http://artifacts.build.internal/v1"',
    "",
    "",
    "def fetch(path):",
    "    return requests.get(BASE + path, verify=False)",
  })
  local client = wait_client(buf)
  wait_for(buf, client, "MUFI004 on line 8 (another rule still on)", function(l)
    return #with_code(l, "MUFI004", 7) > 0
  end)
  vim.wait(700, function()
    return false
  end, 50) -- give a wrong late publish the chance to arrive
  local now = diags(buf, client)
  check(not seen003 and #with_code(now, "MUFI003") == 0,
    'rules = { MUFI003 = "off" } was ignored: MUFI003 was published (settings did not reach the server?); now: %s',
    describe(now))

  -- The README's snippet for changing settings while Neovim runs.
  local snippet = _G.E2E_SNIPPETS and _G.E2E_SNIPPETS["settings-change"]
  check(snippet ~= nil, "README block `settings-change` not found")
  assert(load(snippet, "README settings-change"))()
  local after = wait_for(buf, client, "MUFI003 back, as a warning, after didChangeConfiguration", function(l)
    return #with_code(l, "MUFI003", 2) > 0
  end)
  local w = with_code(after, "MUFI003", 2)[1]
  check(w.severity == vim.diagnostic.severity.WARN, "MUFI003 severity %d, not WARN (%d)", w.severity, vim.diagnostic.severity.WARN)
  check(#with_code(after, "MUFI003", 3) == 0, "allowedHttpHosts *.internal ignored: %s", describe(after))
  check(#with_code(after, "MUFI004", 7) > 0, "MUFI004 vanished after the change: %s", describe(after))
  for _, n in ipairs(notes) do
    check(n.level < vim.log.levels.WARN or not n.msg:lower():find("mufi"), "server complained: %s", n.msg)
  end
  return 'MUFI003="off" at start honoured (MUFI004 still reported); run-time change → MUFI003 as warning, *.internal allowed'
end)

-- 4. 0.10 style: the README's FileType autocmd with vim.lsp.start (no lsp/ file, no enable).
case("nvim-0.10-start", function()
  check(next(vim.lsp._enabled_configs or {}) == nil, "something called vim.lsp.enable: not the 0.10 path")
  check(#vim.api.nvim_get_runtime_file("lsp/mufi_lsp.lua", true) == 0, "lsp/mufi_lsp.lua is on the runtimepath")
  local dir = project_dir()
  local buf = open(dir, "api.ts", { 'export const BASE = "http://api.mufi.app/v1";' })
  local client = wait_client(buf)
  wait_for(buf, client, "MUFI003 on line 1", function(l)
    return #with_code(l, "MUFI003", 0) > 0
  end)
  return "vim.lsp.start in a FileType autocmd attached and reported MUFI003"
end)

-- 5. Dotenv: `.env.local` has no filetype in 0.11; the README's vim.filetype.add line fixes that.
case("dotenv", function()
  local dir = project_dir()
  local buf = open(dir, ".env.local", { "MUFI_API_URL=http://api.mufi.app/v1" })
  check(vim.bo[buf].filetype == "sh", ".env.local got filetype %q, not sh", vim.bo[buf].filetype)
  local client = wait_client(buf)
  wait_for(buf, client, "MUFI003 in .env.local", function(l)
    return #with_code(l, "MUFI003", 0) > 0
  end)
  return ".env.local (filetype from the README's vim.filetype.add) attached, MUFI003 reported"
end)

---------------------------------------------------------------------------------------------
-- Driver
---------------------------------------------------------------------------------------------

--- The README's marked Lua blocks, by name, with the checkout's path filled in.
local function readme_snippets()
  local text = table.concat(vim.fn.readfile(neovim_dir .. "/README.md"), "\n")
  local out = {}
  for name, body in text:gmatch("<!%-%- e2e: ([%w%.%-]+) %-%->%s*```lua\n(.-)\n```") do
    out[name] = body:gsub("/path/to/mufi%-lsp", function()
      return repo
    end)
  end
  return out
end

--- Per case: which README blocks make up init.lua, and whether lsp/mufi_lsp.lua is copied
--- into the config's lsp/ folder (the "copy it" instructions) instead.
local setups = {
  ["ts-http-quickfix"] = { blocks = { "runtimepath" } },
  ["py-tls-quickfix"] = { blocks = { "enable" }, copy = true },
  ["settings"] = {
    blocks = { "runtimepath", "settings" },
    extra = 'vim.lsp.config("mufi_lsp", { settings = { ["mufi-lsp"] = { rules = { MUFI003 = "off" } } } })',
  },
  ["nvim-0.10-start"] = { blocks = { "nvim-0.10" } },
  ["dotenv"] = { blocks = { "runtimepath", "dotenv" } },
}

local function tail(path, n)
  if not path or vim.fn.filereadable(path) == 0 then
    return "(no LSP log at " .. tostring(path) .. ")"
  end
  local lines = vim.fn.readfile(path)
  lines = vim.list_slice(lines, math.max(1, #lines - n + 1))
  for i, l in ipairs(lines) do
    if #l > 400 then
      lines[i] = l:sub(1, 400) .. " …"
    end
  end
  return table.concat(lines, "\n")
end

local function driver(selected)
  local v = vim.version()
  if vim.fn.has("nvim-0.11") == 0 then
    say(string.format("FAIL: Neovim 0.11+ needed, this is %d.%d.%d", v.major, v.minor, v.patch))
    quit(1)
  end
  local bin = os.getenv("MUFI_LSP_BIN")
  if not bin or bin == "" then
    say("FAIL: set MUFI_LSP_BIN to the mufi-lsp binary to test")
    quit(1)
  end
  bin = vim.fn.fnamemodify(bin, ":p")
  if vim.fn.executable(bin) == 0 then
    say("FAIL: MUFI_LSP_BIN=" .. bin .. " is not executable")
    quit(1)
  end
  local snippets = readme_snippets()
  for _, name in ipairs({ "enable", "runtimepath", "nvim-0.10", "settings", "settings-change", "dotenv" }) do
    if not snippets[name] then
      say("FAIL: README.md has no `<!-- e2e: " .. name .. " -->` Lua block")
      quit(1)
    end
  end

  -- Not under Neovim's own temp dir, which goes when this Neovim exits.
  local base = assert(uv.fs_mkdtemp((os.getenv("TMPDIR") or "/tmp") .. "/mufi-nvim-e2e-XXXXXX"))
  local bindir = base .. "/bin"
  vim.fn.mkdir(bindir, "p")
  assert(uv.fs_symlink(bin, bindir .. "/mufi-lsp"))
  say(string.format("mufi-lsp e2e: nvim %d.%d.%d (%s), server %s", v.major, v.minor, v.patch, vim.v.progpath, bin))

  local failed, t_all = 0, uv.hrtime()
  for _, name in ipairs(#selected > 0 and selected or order) do
    local setup = setups[name]
    if not setup then
      say("FAIL " .. name .. ": no such case")
      failed = failed + 1
      goto continue
    end
    do
      -- A fresh user: own config, data and state homes; init.lua from the README.
      local home = base .. "/" .. name
      local config = home .. "/config/nvim"
      vim.fn.mkdir(config .. "/lsp", "p")
      vim.fn.mkdir(home .. "/data", "p")
      vim.fn.mkdir(home .. "/state", "p")
      local init = {}
      for _, b in ipairs(setup.blocks) do
        init[#init + 1] = snippets[b]
      end
      init[#init + 1] = setup.extra
      vim.fn.writefile(vim.split(table.concat(init, "\n"), "\n"), config .. "/init.lua")
      if setup.copy then
        vim.fn.writefile(vim.fn.readfile(neovim_dir .. "/lsp/mufi_lsp.lua", "b"), config .. "/lsp/mufi_lsp.lua", "b")
      else
        vim.fn.delete(config .. "/lsp", "d")
      end
      local log = home .. "/state/nvim/lsp.log"
      local t0 = uv.hrtime()
      local res = vim
        .system({ vim.v.progpath, "--headless", "-i", "NONE", "-u", config .. "/init.lua", "-l", script, name }, {
          text = true,
          timeout = CASE_MS,
          env = {
            PATH = bindir .. ":" .. (os.getenv("PATH") or ""),
            HOME = home,
            XDG_CONFIG_HOME = home .. "/config",
            XDG_DATA_HOME = home .. "/data",
            XDG_STATE_HOME = home .. "/state",
            XDG_CACHE_HOME = home .. "/cache",
            XDG_CONFIG_DIRS = home .. "/none",
            XDG_DATA_DIRS = home .. "/none",
            MUFI_E2E_SNIPPETS = vim.json.encode(snippets),
            NVIM_LOG_FILE = home .. "/nvim.log",
          },
        })
        :wait()
      local ms = (uv.hrtime() - t0) / 1e6
      local out = vim.trim((res.stdout or "") .. "\n" .. (res.stderr or ""))
      local summary = out:match("E2E%-PASS: ([^\n]*)")
      if res.code == 0 and summary then
        say(string.format("ok %s (%.1f s): %s", name, ms / 1000, summary))
      else
        failed = failed + 1
        say(string.format("FAIL %s (%.1f s, exit %s%s):", name, ms / 1000, tostring(res.code),
          res.code == 124 and ", killed after " .. CASE_MS .. " ms" or ""))
        say("  " .. out:gsub("\n", "\n  "))
        say("  --- LSP log (" .. log .. "), last lines:")
        say("  " .. tail(log, 40):gsub("\n", "\n  "))
      end
    end
    ::continue::
  end
  say(string.format("%s in %.1f s", failed == 0 and "all passed" or (failed .. " failed"), (uv.hrtime() - t_all) / 1e9))
  if failed == 0 then
    vim.fn.delete(base, "rf")
  else
    say("kept " .. base .. " for inspection")
  end
  quit(failed == 0 and 0 or 1)
end

local function child(name)
  local fn = cases[name]
  if not fn then
    io.stdout:write("no such case " .. name .. "\n")
    quit(1)
  end
  _G.E2E_SNIPPETS = vim.json.decode(os.getenv("MUFI_E2E_SNIPPETS") or "{}")
  -- Python's ftplugin probes for the python3 provider (seconds); nothing here needs it.
  vim.g.loaded_python3_provider = 0
  -- Any Error/Warning the server shows or logs fails the case (e.g. settings it rejects).
  for _, method in ipairs({ "window/showMessage", "window/logMessage" }) do
    local orig = vim.lsp.handlers[method]
    vim.lsp.handlers[method] = function(err, params, ctx, cfg)
      if params and params.type and params.type <= 2 then
        complaints[#complaints + 1] = string.format("%s (%s): %s", method,
          params.type == 1 and "Error" or "Warning", tostring(params.message))
      end
      return orig(err, params, ctx, cfg)
    end
  end
  local ok, res = xpcall(function()
    local summary = fn()
    check(#complaints == 0, "the server complained:\n  %s", table.concat(complaints, "\n  "))
    return summary
  end, function(e)
    if type(e) == "table" and e.e2e then
      return e.e2e
    end
    return debug.traceback(tostring(e), 2)
  end)
  -- Stop the server and let it exit before Neovim does.
  local clients = vim.lsp.get_clients()
  for _, c in ipairs(clients) do
    c:stop()
  end
  vim.wait(3000, function()
    for _, c in ipairs(clients) do
      if not c:is_stopped() then
        return false
      end
    end
    return true
  end, 20)
  for _, c in ipairs(clients) do
    if not c:is_stopped() then
      c:stop(true)
    end
  end
  if ok then
    io.stdout:write("E2E-PASS: " .. res .. "\n")
    quit(0)
  end
  io.stdout:write("reason: " .. tostring(res) .. "\n")
  if #notes > 0 then
    io.stdout:write("messages: " .. vim.inspect(notes) .. "\n")
  end
  quit(1)
end

local args = {}
for i = 1, #arg do
  args[#args + 1] = arg[i]
end
if os.getenv("MUFI_E2E_SNIPPETS") then
  child(args[1])
else
  driver(args)
end
