package refactor

import (
	"path"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
)

// javaBuildTask is the task of a Maven or Gradle command that produces a
// jar ("package", "bootJar"...), or "".
func javaBuildTask(c cmdAt) string {
	b := c.build
	if !c.compiles() || b.Ecosystem != facts.Java || b.Tool != "mvn" && b.Tool != "gradle" || b.Task == "compile" {
		return ""
	}
	return b.Task
}

// planJava: Maven (`mvn package`) or Gradle (`gradle build`, `./gradlew
// bootJar`) → a JRE image of the same vendor and version with the jar(s).
func planJava(sf *stageFacts) (*plan, bool) {
	var tool string
	var outDir string
	for _, c := range sf.commands() {
		task := javaBuildTask(c)
		if task == "" {
			continue
		}
		tool = "gradle"
		if c.build.Tool == "mvn" {
			tool = "maven"
		}
		// The facts give target/*.jar, build/libs/*.jar or build/install.
		if o := c.build.Outputs; len(o) > 0 {
			outDir = o[0].Path
			if !o[0].Dir {
				outDir = path.Dir(outDir)
			}
		}
	}
	if tool == "" {
		return nil, false
	}
	p := &plan{recipe: "java-" + tool, what: "jar"}
	wd := sf.finalWorkdir()
	args := sf.entry.progArgs
	if base(sf.entry.prog) == "java" {
		for i := 0; i < len(args); i++ {
			a := args[i]
			switch {
			case (a == "-jar" || a == "-cp" || a == "-classpath" || a == "--class-path") && i+1 < len(args):
				for _, part := range strings.Split(args[i+1], ":") {
					if part != "" && !strings.Contains(part, "$") {
						p.copyPath(sf.resolve(wd, part))
					}
				}
				i++
			}
		}
	} else if ep := sf.entryPath(); ep != "" && strings.HasPrefix(ep, outDir+"/") {
		// build/install/<app>/bin/<app>: the whole distribution.
		rest := strings.TrimPrefix(ep, outDir+"/")
		first, _, _ := strings.Cut(rest, "/")
		p.copyPath(outDir + "/" + first)
		p.what = "application"
	}
	if len(p.copies) == 0 {
		p.copyPath(outDir + "/*.jar")
		p.what = "jar"
	}
	ref, note := sf.jreImage()
	if note != "" {
		p.notes = append(p.notes, note)
	}
	p.rt = describeRuntime(ref)
	sf.finishRuntime(p, "")
	return p, true
}

// jreImage is a JRE of the build JDK's vendor and version.
func (sf *stageFacts) jreImage() (string, string) {
	b := sf.base
	tag := b.ref.Tag
	v := ""
	if b.known {
		v = b.match.Version
	}
	if v == "" {
		v = "21"
	}
	variant := ""
	switch {
	case strings.Contains(tag, "alpine"):
		variant = "-alpine"
	case hasWord(tag, "jammy"), hasWord(tag, "noble"), hasWord(tag, "focal"):
		for _, s := range []string{"jammy", "noble", "focal"} {
			if hasWord(tag, s) {
				variant = "-" + s
			}
		}
	}
	vendor := "temurin"
	switch {
	case b.ref.Repo == "sapmachine" || strings.Contains(tag, "sapmachine"):
		vendor = "sapmachine"
	case strings.Contains(b.ref.Repo, "corretto") || strings.Contains(tag, "corretto"):
		vendor = "corretto"
	case strings.Contains(b.ref.Repo, "semeru") || strings.Contains(tag, "semeru"):
		vendor = "semeru"
	case b.ref.Repo == "openjdk":
		vendor = "openjdk"
	}
	jre := func() string { return sf.keepVersionArgs("eclipse-temurin:" + v + "-jre" + variant) }
	switch vendor {
	case "sapmachine":
		return sf.keepVersionArgs("sapmachine:" + v + "-jre" + strings.TrimPrefix(variant, "-alpine")), ""
	case "semeru":
		return sf.keepVersionArgs("ibm-semeru-runtimes:open-" + v + "-jre" + variant), ""
	case "corretto":
		return jre(), "Amazon Corretto publishes no JRE-only image: this is Eclipse Temurin's JRE of the same Java version"
	case "openjdk":
		return jre(), "the openjdk images are deprecated: this is Eclipse Temurin's JRE of the same Java version"
	}
	if !b.known {
		return jre(), "the JDK version was not recognised: make this JRE's version match the one the build uses"
	}
	return jre(), ""
}
