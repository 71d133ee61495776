// Package rules holds the project's own analyzers, one per file. Each is
// documented once, by its entry in RULES.md: the page every diagnostic it
// reports links to, and the source of its Doc.
package rules

import (
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
)

// All is every project rule, in documentation order.
var All = []*analysis.Analyzer{
	UnusedStage,
	UnknownStage,
	StageIndexOutOfRange,
	CircularStageDependency,
	VariableInCopyFrom,
	DuplicateStageName,
	ReservedStageName,
	FinalStageBuildImage,
	BuildToolsInFinalStage,
	SourceCopiedIntoFinalStage,
	PackageCacheNotCleaned,
	AptNoInstallRecommends,
	DevDependenciesInFinalStage,
	SingleStageBuild,
	CacheBustingCopy,
	FinalStageRunsAsRoot,
	UnpinnedBaseImage,
	CopyFromMissingPath,
	ProgramNotInImage,
	ShellNotInImage,
	LibcMismatch,
	ManifestNotCopied,
	CopySourceNotFound,
	ContextNotIgnored,
	SecretCopiedToFinalStage,
	RuntimeOnBuildPlatform,
	CrossCompileIgnoresTarget,
	EmulatedBuildStage,
}
