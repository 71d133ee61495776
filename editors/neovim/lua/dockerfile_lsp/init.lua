-- dockerfile-lsp for Neovim's built-in LSP client.
--
--   Neovim >= 0.11:  require('dockerfile_lsp').setup()   -- vim.lsp.config + vim.lsp.enable
--   Neovim 0.7-0.10: require('dockerfile_lsp').setup()   -- FileType autocmd + vim.lsp.start(_client)
--
-- Options (all optional):
--   cmd       = { 'dockerfile-lsp' }           -- the server command (add '--log-file', path to keep a log)
--   settings  = { severity = { UnusedStage = 'off' }, target = 'release',
--                 buildArgs = { BASE = 'alpine:3.20' }, format = { keepIndent = true } }
--   filetypes = { 'dockerfile' }
--   root_markers = { '.git', ... }
--   on_attach, capabilities, ...               -- passed through to the client config
local M = {}

M.name = 'dockerfile_lsp'

M.root_markers = {
  '.git',
  'docker-bake.hcl',
  'compose.yaml',
  'compose.yml',
  'docker-compose.yaml',
  'docker-compose.yml',
}

local function has(feature)
  return vim.fn.has(feature) == 1
end

local function empty_dict()
  -- JSON {} rather than [] for empty Lua tables.
  return vim.empty_dict and vim.empty_dict() or vim.fn.json_decode('{}')
end

-- Server settings (the "dockerfile-lsp" section): the user's settings passed through whole, so that
-- every setting the server reads arrives (severity, target, buildArgs, format, and any added later).
-- Maps that are empty are sent as JSON {} rather than [].
local function server_settings(settings)
  local out = vim.deepcopy(settings or {})
  for _, key in ipairs({ 'severity', 'buildArgs' }) do
    if out[key] == nil or vim.tbl_isempty(out[key]) then
      out[key] = empty_dict()
    end
  end
  if out.target == '' then
    out.target = nil
  end
  return out
end

--- Returns the client configuration (usable with vim.lsp.config, vim.lsp.start or nvim-lspconfig).
function M.config(opts)
  opts = vim.deepcopy(opts or {})
  local settings = server_settings(opts.settings)
  opts.settings = nil
  local cfg = {
    name = M.name,
    cmd = { 'dockerfile-lsp' },
    filetypes = { 'dockerfile' },
    root_markers = M.root_markers,
    init_options = settings,
    -- Answers workspace/configuration for the "dockerfile-lsp" section.
    settings = { ['dockerfile-lsp'] = settings },
  }
  for k, v in pairs(opts) do
    cfg[k] = v
  end
  return cfg
end

-- Dockerfile names that older Neovim versions do not all know.
local function add_filetypes()
  -- 0.7 has vim.filetype.add but ignores it unless vim.g.do_filetype_lua is set; an autocommand works
  -- without changing how every other file type is detected.
  if has('nvim-0.8') and vim.filetype and vim.filetype.add then
    vim.filetype.add({
      extension = { dockerfile = 'dockerfile', containerfile = 'dockerfile' },
      filename = { Dockerfile = 'dockerfile', Containerfile = 'dockerfile' },
      pattern = {
        ['.*/Dockerfile%..*'] = 'dockerfile',
        ['.*/Containerfile%..*'] = 'dockerfile',
      },
    })
  else
    vim.cmd([[
      " set, not setfiletype: the conf fallback of filetype.vim has already claimed app.dockerfile.
      augroup dockerfile_lsp_filetype
        autocmd!
        autocmd BufNewFile,BufRead Dockerfile,Dockerfile.*,*.dockerfile,Containerfile,Containerfile.*,*.containerfile set filetype=dockerfile
      augroup END
    ]])
  end
end

local function find_root(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir = name ~= '' and vim.fn.fnamemodify(name, ':p:h') or vim.fn.getcwd()
  local cur = dir
  while cur and cur ~= '' do
    for _, m in ipairs(markers) do
      if vim.loop.fs_stat(cur .. '/' .. m) then
        return cur
      end
    end
    local parent = vim.fn.fnamemodify(cur, ':h')
    if parent == cur then
      break
    end
    cur = parent
  end
  return dir
end

local clients = {} -- root_dir -> client id (Neovim 0.7)

--- Starts (or reuses) the server for a buffer on Neovim < 0.11. Returns the client id.
function M.start(bufnr, cfg)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  cfg = vim.deepcopy(cfg or M.config())
  if vim.fn.executable(cfg.cmd[1]) ~= 1 then
    vim.notify(
      (
        'dockerfile-lsp: %q not found. Download it for your platform from '
        .. 'https://github.com/dockerfile-lsp/dockerfile-lsp/releases, put it on PATH and check it with '
        .. '"dockerfile-lsp --version"; or, with Go 1.26.8 or newer: '
        .. 'go install github.com/dockerfile-lsp/dockerfile-lsp/cmd/dockerfile-lsp@latest'
      ):format(
        cfg.cmd[1]
      ),
      vim.log.levels.ERROR
    )
    return nil
  end
  local root = find_root(bufnr, cfg.root_markers or M.root_markers)
  cfg.root_dir = root
  cfg.root_markers = nil
  cfg.filetypes = nil
  if vim.lsp.start then -- 0.8+: reuses a client with the same name and root
    return vim.lsp.start(cfg, { bufnr = bufnr })
  end
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) or vim.lsp.get_client_by_id(id).is_stopped() then
    cfg.workspace_folders = { { uri = vim.uri_from_fname(root), name = root } }
    id = vim.lsp.start_client(cfg)
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

--- Registers the server: vim.lsp.config/enable on 0.11+, a FileType autocmd before.
function M.setup(opts)
  opts = opts or {}
  add_filetypes()
  local cfg = M.config(opts)

  if has('nvim-0.11') and vim.lsp.config and vim.lsp.enable then
    vim.lsp.config(M.name, cfg)
    vim.lsp.enable(M.name)
  else
    local group = vim.api.nvim_create_augroup('dockerfile_lsp', { clear = true })
    vim.api.nvim_create_autocmd('FileType', {
      group = group,
      pattern = cfg.filetypes,
      callback = function(args)
        M.start(args.buf, cfg)
      end,
    })
    -- Buffers already open when setup runs.
    for _, buf in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(cfg.filetypes, vim.bo[buf].filetype) then
        M.start(buf, cfg)
      end
    end
  end

  vim.api.nvim_create_user_command('DockerfileLspRestart', function()
    local get_clients = vim.lsp.get_clients or vim.lsp.get_active_clients
    for _, c in ipairs(get_clients()) do
      if c.name == M.name then
        c.stop()
      end
    end
    clients = {}
    vim.defer_fn(function()
      vim.cmd('doautoall FileType')
    end, 500)
  end, { desc = 'Restart dockerfile-lsp' })

  vim.api.nvim_create_user_command('DockerfileLspBuildStage', function(a)
    local stage = a.args
    if stage == '' then
      vim.notify('usage: :DockerfileLspBuildStage STAGE', vim.log.levels.ERROR)
      return
    end
    local file = vim.fn.expand('%:p')
    vim.cmd(('split | terminal docker build --target %s -f %s %s'):format(
      vim.fn.shellescape(stage),
      vim.fn.shellescape(file),
      vim.fn.shellescape(vim.fn.fnamemodify(file, ':h'))
    ))
  end, { nargs = '?', desc = 'docker build --target STAGE for the current Dockerfile' })
end

return M
