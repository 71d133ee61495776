-- Headless Neovim test of editors/neovim against the real server.
--   DOCKERFILE_LSP=/path/to/dockerfile-lsp nvim --headless -u editors/neovim/test/test.lua
-- (editors/neovim/test/run.sh does this with a scratch copy of editors/testdata/Dockerfile.)
-- Checks: the module attaches the server to a Dockerfile, an UnusedStage diagnostic arrives, the
-- "Remove unused stage" code action applies and the diagnostic goes away, and completion after
-- `COPY --from=` lists the stage names. Exits with :cquit on any failure (Neovim 0.7 would otherwise
-- exit 0 when the server fails to start).

local function out(fmt, ...)
  io.stdout:write(string.format(fmt, ...) .. '\n')
end

local function fail(fmt, ...)
  out('FAIL: ' .. fmt, ...)
  vim.cmd('cquit 1')
end

local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
vim.opt.runtimepath:prepend(vim.fn.fnamemodify(here, ':h'))
vim.opt.swapfile = false
vim.cmd('filetype plugin on')

local server = os.getenv('DOCKERFILE_LSP')
local file = os.getenv('DOCKERFILE') or (here .. '/../../testdata/Dockerfile')
local timeout = tonumber(os.getenv('LSP_TIMEOUT_MS') or '') or 20000

local function main()
  if not server or server == '' then
    return fail('DOCKERFILE_LSP is not set')
  end
  out('nvim %s, server %s', tostring(vim.version().major .. '.' .. vim.version().minor .. '.' .. vim.version().patch), server)

  local attached
  require('dockerfile_lsp').setup({
    cmd = { server, '--log-level', 'debug' },
    settings = { severity = { UnusedStage = 'warning', UnknownStage = 'error' } }, -- UnusedStage is a hint by default for a named stage
    on_attach = function(client, bufnr)
      attached = { client = client, bufnr = bufnr }
    end,
  })

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  if vim.bo[buf].filetype ~= 'dockerfile' then
    return fail('filetype is %q, want dockerfile', vim.bo[buf].filetype)
  end

  if not vim.wait(timeout, function() return attached ~= nil end, 50) then
    return fail('the server did not attach within %d ms (see %s)', timeout, vim.lsp.get_log_path())
  end
  local client = attached.client
  out('ok   attached: client %q (id %d), root %s', client.name, client.id, tostring(client.config.root_dir))

  -- 1. Diagnostics: UnusedStage on the "unused" stage.
  local function unused_diags()
    local found = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if code == 'UnusedStage' then
        table.insert(found, d)
      end
    end
    return found
  end
  if not vim.wait(timeout, function() return #unused_diags() > 0 end, 50) then
    local all = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(all, string.format('%d:%d %s [%s]', d.lnum + 1, d.col + 1, d.message, tostring(d.code)))
    end
    return fail('no UnusedStage diagnostic; got: %s', table.concat(all, '; '))
  end
  local d = unused_diags()[1]
  local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
  out('ok   diagnostic %d:%d %s: %s [%s] on %q', d.lnum + 1, d.col + 1, d.source or '?', d.message, d.code, line)
  if d.source ~= 'dockerfile-lsp' then
    return fail('diagnostic source is %q, want dockerfile-lsp', tostring(d.source))
  end
  if d.severity ~= vim.diagnostic.severity.WARN then
    return fail('UnusedStage severity is %s, want WARN (set through the severity setting)', tostring(d.severity))
  end
  if not line:find('AS unused', 1, true) then
    return fail('UnusedStage is on line %d (%q), want the "AS unused" line', d.lnum + 1, line)
  end

  -- 2. Code action: "Remove unused stage", applied to the buffer.
  -- The LSP form of the diagnostic (Neovim keeps only some LSP fields in user_data.lsp).
  local lsp_diag = {
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
    message = d.message, code = d.code, source = d.source, severity = d.severity,
  }
  for k, v in pairs((d.user_data and d.user_data.lsp) or {}) do
    lsp_diag[k] = v
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag }, only = { 'quickfix' } },
  }
  local res, err = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, timeout)
  if not res then
    return fail('codeAction: %s', tostring(err))
  end
  local action
  local titles = {}
  for _, r in pairs(res) do
    if r.error then
      return fail('codeAction error: %s', vim.inspect(r.error))
    end
    for _, a in ipairs(r.result or {}) do
      table.insert(titles, a.title)
      if not action and a.title:lower():find('remove unused stage', 1, true) then
        action = a
      end
    end
  end
  if not action then
    return fail('no "Remove unused stage" action; got: %s', table.concat(titles, ' | '))
  end
  if action.edit == nil and action.command == nil and action.data ~= nil then -- resolve lazily computed edits
    local r = vim.lsp.buf_request_sync(buf, 'codeAction/resolve', action, timeout)
    for _, v in pairs(r or {}) do
      if v.result then action = v.result end
    end
  end
  local offset_encoding = client.offset_encoding or 'utf-16'
  if action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, offset_encoding)
  end
  local command = type(action.command) == 'table' and action.command or (type(action.command) == 'string' and action) or nil
  if command then
    local r, e = vim.lsp.buf_request_sync(buf, 'workspace/executeCommand', { command = command.command, arguments = command.arguments }, timeout)
    if not r then
      return fail('executeCommand %s: %s', command.command, tostring(e))
    end
  end
  local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
  if text:find('AS unused', 1, true) then
    return fail('after %q the stage is still there:\n%s', action.title, text)
  end
  if not text:find('AS build', 1, true) or not text:find('COPY --from=build', 1, true) then
    return fail('after %q other stages were damaged:\n%s', action.title, text)
  end
  out('ok   code action %q applied (%s); %d lines left', action.title, action.edit and 'edit' or 'command', vim.api.nvim_buf_line_count(buf))
  if not vim.wait(timeout, function() return #unused_diags() == 0 end, 50) then
    return fail('UnusedStage diagnostic still there after the fix')
  end
  out('ok   UnusedStage diagnostic cleared')

  -- 3. Completion after `COPY --from=` lists the stages declared before.
  local last = vim.api.nvim_buf_line_count(buf)
  vim.api.nvim_buf_set_lines(buf, last, last, false, { 'COPY --from=' })
  local cparams = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = last, character = #'COPY --from=' },
    context = { triggerKind = 2, triggerCharacter = '=' },
  }
  local labels = {}
  if not vim.wait(timeout, function()
    local cres = vim.lsp.buf_request_sync(buf, 'textDocument/completion', cparams, timeout) or {}
    labels = {}
    for _, r in pairs(cres) do
      local items = r.result and (r.result.items or r.result) or {}
      for _, it in ipairs(items) do
        table.insert(labels, it.label)
      end
    end
    return vim.tbl_contains(labels, 'build')
  end, 200) then
    return fail('completion after COPY --from= lacks "build"; got: %s', table.concat(labels, ', '))
  end
  out('ok   completion after "COPY --from=": %s', table.concat(labels, ', '))

  -- 4. The other names users give Dockerfiles get the filetype and the server.
  for _, name in ipairs({ 'app.dockerfile', 'Containerfile', 'Dockerfile.dev' }) do
    local path = vim.fn.fnamemodify(file, ':h') .. '/' .. name
    vim.cmd('edit ' .. vim.fn.fnameescape(path))
    local b = vim.api.nvim_get_current_buf()
    if vim.bo[b].filetype ~= 'dockerfile' then
      return fail('%s: filetype is %q, want dockerfile', name, vim.bo[b].filetype)
    end
    if not vim.wait(timeout, function() return vim.lsp.buf_get_clients(b)[client.id] ~= nil end, 50) then
      return fail('%s: the server did not attach', name)
    end
    out('ok   %s: filetype dockerfile, server attached', name)
  end

  -- Leave cleanly: the server must stop when asked.
  vim.lsp.stop_client(client.id)
  if not vim.wait(5000, function() return client.is_stopped() end, 50) then
    return fail('server did not stop after shutdown')
  end
  out('ok   server stopped')
  out('PASS neovim')
  vim.cmd('qall!')
end

local ok, e = xpcall(main, debug.traceback)
if not ok then
  fail('%s', e)
end
