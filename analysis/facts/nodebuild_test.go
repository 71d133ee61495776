package facts_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// What a Node build writes, as the build context's package.json and the
// tools' configuration files settle it. want is the build's outputs in the
// stage; nil means not settled: the guesses (dist, build, .next, out) stay.
func TestNodeBuildOutputsFromContext(t *testing.T) {
	const copyAll = "FROM node:20 AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n"
	pkg := func(build string, more ...string) string {
		return `{"name": "x", "scripts": {"build": "` + build + `"` + strings.Join(more, "") + `}}`
	}
	for _, tc := range []struct {
		name       string
		dockerfile string // copyAll when empty
		files      map[string]string
		want       []string
	}{
		{"react-scripts", "", map[string]string{"package.json": pkg("react-scripts build")}, []string{"/app/build"}},
		{"vite", "", map[string]string{"package.json": pkg("vite build")}, []string{"/app/dist"}},
		{"vite --outDir", "", map[string]string{"package.json": pkg("vite build --outDir public/app")}, []string{"/app/public/app"}},
		{"vite config without outDir", "", map[string]string{"package.json": pkg("vite build"), "vite.config.ts": "export default { plugins: [] }\n"}, []string{"/app/dist"}},
		{"vite config with outDir", "", map[string]string{"package.json": pkg("vite build"), "vite.config.ts": "export default { build: { outDir: 'web' } }\n"}, nil},
		{"vite under SvelteKit", "", map[string]string{"package.json": `{"scripts": {"build": "vite build"}, "devDependencies": {"@sveltejs/kit": "^2"}}`}, nil},
		{"tsc noEmit then vite", "", map[string]string{
			"package.json":  pkg("tsc && vite build"),
			"tsconfig.json": "{\n  // type checks only\n  \"compilerOptions\": {\"noEmit\": true, /* bundler */ \"strict\": true,},\n}\n",
		}, []string{"/app/dist"}},
		{"tsc -b with references", "", map[string]string{
			"package.json":       pkg("tsc -b && vite build"),
			"tsconfig.json":      `{"files": [], "references": [{"path": "./tsconfig.app.json"}, {"path": "./tsconfig.node.json"}]}`,
			"tsconfig.app.json":  `{"compilerOptions": {"noEmit": true, "tsBuildInfoFile": "./node_modules/.tmp/app.tsbuildinfo"}}`,
			"tsconfig.node.json": `{"compilerOptions": {"noEmit": true}}`,
		}, []string{"/app/dist"}},
		{"tsc outDir", "", map[string]string{"package.json": pkg("tsc"), "tsconfig.json": `{"compilerOptions": {"outDir": "./lib"}}`}, []string{"/app/lib"}},
		{"tsc extends", "", map[string]string{"package.json": pkg("tsc"), "tsconfig.json": `{"extends": "@tsconfig/node20"}`}, nil},
		{"tsc without tsconfig", "", map[string]string{"package.json": pkg("tsc")}, nil},
		{"next", "", map[string]string{"package.json": pkg("next build")}, []string{"/app/.next"}},
		{"next static export", "", map[string]string{"package.json": pkg("next build"), "next.config.mjs": "export default { output: 'export' }\n"}, []string{"/app/.next", "/app/out"}},
		{"next distDir", "", map[string]string{"package.json": pkg("next build"), "next.config.js": "module.exports = { distDir: 'build' }\n"}, nil},
		{"angular outputPath", "", map[string]string{"package.json": pkg("ng build"), "angular.json": `{"projects": {"shop": {"architect": {"build": {"options": {"outputPath": "dist/shop"}}}}}}`}, []string{"/app/dist/shop"}},
		{"angular default", "", map[string]string{"package.json": pkg("ng build"), "angular.json": `{"projects": {"shop": {"architect": {"build": {"options": {}}}}}}`}, []string{"/app/dist/shop"}},
		{"webpack without config", "", map[string]string{"package.json": pkg("webpack --mode production")}, []string{"/app/dist"}},
		{"webpack with config", "", map[string]string{"package.json": pkg("webpack"), "webpack.config.js": "module.exports = {}\n"}, nil},
		{"parcel", "", map[string]string{"package.json": pkg("parcel build src/index.html")}, []string{"/app/dist"}},
		{"remix", "", map[string]string{"package.json": pkg("remix build")}, []string{"/app/build", "/app/public/build"}},
		{"remix vite", "", map[string]string{"package.json": pkg("remix vite:build")}, []string{"/app/build"}},
		{"astro", "", map[string]string{"package.json": pkg("astro build")}, []string{"/app/dist"}},
		{"nuxt", "", map[string]string{"package.json": pkg("nuxt build")}, []string{"/app/.output"}},
		{"scripts calling scripts", "", map[string]string{"package.json": pkg("npm run clean && cross-env NODE_ENV=production npm run compile", `, "clean": "rimraf dist", "compile": "vite build"`)}, []string{"/app/dist"}},
		{"prebuild runs a script", "", map[string]string{"package.json": pkg("vite build", `, "prebuild": "node scripts/gen.js"`)}, nil},
		{"unknown tool", "", map[string]string{"package.json": pkg("gulp build")}, nil},
		{"BUILD_PATH in .env", "", map[string]string{"package.json": pkg("react-scripts build"), ".env": "BUILD_PATH=./www\n"}, nil},
		{"no package.json in the context", "", map[string]string{"src/index.js": "1\n"}, nil},
		{"yarn script", "FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN yarn install && yarn build\n", map[string]string{"package.json": pkg("vite build")}, []string{"/app/dist"}},
		{"package in a subfolder", "FROM node:20 AS build\nWORKDIR /web\nCOPY frontend/ ./\nRUN npm ci && npm run build\n", map[string]string{"frontend/package.json": pkg("react-scripts build")}, []string{"/web/build"}},
		{"package.json not copied", "FROM node:20 AS build\nWORKDIR /app\nCOPY src ./src\nRUN npm run build\n", map[string]string{"package.json": pkg("vite build"), "src/a.js": "1\n"}, nil},
		{"workspace package", "FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN pnpm --filter web build\n", map[string]string{"package.json": pkg("vite build")}, nil},
		{"tool run directly", "FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npx tsc\n", map[string]string{"package.json": `{}`, "tsconfig.json": `{"compilerOptions": {"outDir": "out"}}`}, []string{"/app/out"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bc := analysistest.Context(t, tc.files)
			text := tc.dockerfile
			if text == "" {
				text = copyAll
			}
			m := model.Build(syntax.Parse(text))
			st := facts.Of(m).Stages[0]
			var got []string
			settled := true
			for _, f := range st.ProducesIn(bc) {
				if f.Build != nil {
					got = append(got, f.Path)
					settled = settled && !f.Maybe
				}
			}
			if !settled {
				got = nil
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("outputs %q, want %q", got, tc.want)
			}
			// Without the context, the guesses stay.
			for _, f := range st.Produces() {
				if f.Build != nil && !f.Maybe && tc.want != nil && tc.name != "vite --outDir" && tc.name != "tool run directly" {
					t.Errorf("without the context %s is settled", f.Path)
				}
			}
		})
	}
}
