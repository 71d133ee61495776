-- Neovim >= 0.11: with this folder on 'runtimepath', `vim.lsp.enable('dockerfile_lsp')` is enough;
-- override with vim.lsp.config('dockerfile_lsp', { settings = { ['dockerfile-lsp'] = { target = 'release' } } }).
return require('dockerfile_lsp').config()
