-- Neovim (0.7+) as a third-party LSP client of dist/server.js: open a schema, wait for the
-- expected diagnostics, ask for a hover and the semantic tokens, write what it got to
-- SPECMINT_NVIM_OUT as JSON. Neovim 0.9+ asks for semantic tokens by itself and highlights them:
-- there the token at SPECMINT_NVIM_KEYWORD_LINE/CHAR is read back from its highlighter; older ones
-- (Debian's 0.7) have no highlighter, so the tokens are requested as a plugin would.
-- Run: nvim --headless --clean -c 'luafile test/lsp/neovim.lua'. Exit 0 = pass, 1 = fail; every
-- error is caught (an uncaught one would leave headless nvim waiting forever).
local function env(name)
  local v = os.getenv(name)
  assert(v and v ~= '', name .. ' is not set')
  return v
end

local function main()
  local schema, server, out = env('SPECMINT_NVIM_SCHEMA'), env('SPECMINT_NVIM_SERVER'), env('SPECMINT_NVIM_OUT')
  local expected = vim.split(env('SPECMINT_NVIM_CODES'), ',')
  local hover_line, hover_char = tonumber(env('SPECMINT_NVIM_HOVER_LINE')), tonumber(env('SPECMINT_NVIM_HOVER_CHAR'))
  vim.cmd('edit ' .. vim.fn.fnameescape(schema))
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = 'specmint',
    cmd = { env('SPECMINT_NVIM_NODE'), server, '--stdio' },
    root_dir = vim.fn.fnamemodify(schema, ':h'),
    init_options = { trusted = false },
    settings = { specmint = { seed = 1, hover = { samples = 3 } } },
  })
  assert(id, 'start_client failed')
  assert(vim.lsp.buf_attach_client(buf, id), 'buf_attach_client failed')

  local function codes()
    local seen = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if code then seen[code] = true end
    end
    return seen
  end
  local ok = vim.wait(30000, function()
    local seen = codes()
    for _, c in ipairs(expected) do if not seen[c] then return false end end
    return true
  end, 50)
  assert(ok, 'expected diagnostics did not arrive within 30 s')

  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(diagnostics, {
      code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code),
      source = d.source, severity = d.severity, message = d.message,
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    })
  end

  local responses, err = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = hover_line, character = hover_char },
  }, 30000)
  assert(responses, 'hover failed: ' .. tostring(err))
  local hover
  for _, r in pairs(responses) do
    if r.result and r.result.contents then hover = r.result.contents.value or r.result.contents end
  end
  assert(type(hover) == 'string', 'no hover contents')

  local client = vim.lsp.get_client_by_id(id)
  local provider = client.server_capabilities.semanticTokensProvider
  assert(provider and provider.legend, 'the server announced no semantic tokens')
  local semantic = { legend = provider.legend }
  local kw_line, kw_char = tonumber(env('SPECMINT_NVIM_KEYWORD_LINE')), tonumber(env('SPECMINT_NVIM_KEYWORD_CHAR'))
  if vim.lsp.semantic_tokens and vim.lsp.semantic_tokens.get_at_pos then
    semantic.source = 'highlighter'
    local ok_at = vim.wait(30000, function()
      local at = vim.lsp.semantic_tokens.get_at_pos(buf, kw_line, kw_char)
      if at and #at > 0 then semantic.at = at end
      return semantic.at ~= nil
    end, 50)
    assert(ok_at, 'Neovim placed no semantic token at the keyword within 30 s')
  else
    semantic.source = 'request'
    local tokens, terr = vim.lsp.buf_request_sync(buf, 'textDocument/semanticTokens/full', {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
    }, 30000)
    assert(tokens, 'semantic tokens failed: ' .. tostring(terr))
    for _, r in pairs(tokens) do
      if r.result and r.result.data then semantic.data = r.result.data end
    end
    assert(semantic.data, 'no semantic tokens')
  end

  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode({ diagnostics = diagnostics, hover = hover, semantic = semantic, version = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) }))
  f:close()
  vim.lsp.stop_client(id)
  vim.wait(3000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
end

local ok, e = xpcall(main, debug.traceback)
if ok then
  io.stdout:write('PASS\n')
  vim.cmd('qall!')
else
  io.stdout:write('FAIL: ' .. tostring(e) .. '\n')
  vim.cmd('cquit 1')
end
