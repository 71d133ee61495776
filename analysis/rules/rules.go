// Package rules holds the project's own analyzers, one per file. Each has a
// doc paragraph here and a longer entry in RULES.md, linked from every
// diagnostic it reports.
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
	ManifestNotCopied,
	CopySourceNotFound,
	ContextNotIgnored,
	SecretCopiedToFinalStage,
	RuntimeOnBuildPlatform,
	CrossCompileIgnoresTarget,
	EmulatedBuildStage,
}
