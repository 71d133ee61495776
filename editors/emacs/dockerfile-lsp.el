;;; dockerfile-lsp.el --- Use dockerfile-lsp with eglot  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1") (eglot "1.9") (dockerfile-mode "1.7"))
;; Keywords: languages, tools, docker
;; URL: https://github.com/dockerfile-lsp/dockerfile-lsp

;;; Commentary:

;; Registers the dockerfile-lsp language server with eglot for `dockerfile-mode' and
;; `dockerfile-ts-mode' (Emacs 29+), and recognises the usual Dockerfile names (Dockerfile,
;; Dockerfile.*, *.dockerfile, Containerfile, Containerfile.*).
;;
;;   (require 'dockerfile-lsp)
;;   (add-hook 'dockerfile-mode-hook #'eglot-ensure)
;;   (add-hook 'dockerfile-ts-mode-hook #'eglot-ensure)
;;
;; Settings go to the server as initializationOptions; restart the server (M-x eglot-reconnect)
;; after changing them:
;;
;;   (setq dockerfile-lsp-severity '(("UnusedStage" . "hint") ("UnknownStage" . "error"))
;;         dockerfile-lsp-target "release")
;;
;; `dockerfile-lsp-build-stage' runs `docker build --target STAGE' for the current Dockerfile.

;;; Code:

(require 'cl-lib)
(require 'subr-x)

(defgroup dockerfile-lsp nil
  "The dockerfile-lsp language server."
  :group 'tools
  :prefix "dockerfile-lsp-")

(defcustom dockerfile-lsp-program "dockerfile-lsp"
  "The dockerfile-lsp executable: a name looked up in `exec-path', or a file name.
Download it for your platform from
  https://github.com/dockerfile-lsp/dockerfile-lsp/releases
put it on PATH and check it with \"dockerfile-lsp --version\"; or, with
Go 1.26.8 or newer:
  go install github.com/dockerfile-lsp/dockerfile-lsp/cmd/dockerfile-lsp@latest"
  :type 'string)

(defcustom dockerfile-lsp-args nil
  "Extra arguments for the server.
For a log file: (\"--log-file\" \"/tmp/dockerfile-lsp.log\" \"--log-level\" \"debug\")."
  :type '(repeat string))

(defconst dockerfile-lsp-rules
  '("UnusedStage" "UnknownStage" "StageIndexOutOfRange" "CircularStageDependency"
    "VariableInCopyFrom" "DuplicateStageName" "ReservedStageName")
  "Rule names the server knows (others may be added by newer servers).")

(defcustom dockerfile-lsp-severity nil
  "Severity per rule, an alist of (RULE . LEVEL).
LEVEL is one of \"error\", \"warning\", \"information\", \"hint\" or \"off\"."
  :type '(alist :key-type (string :tag "Rule")
                :value-type (choice (const "error") (const "warning") (const "information")
                                    (const "hint") (const "off"))))

(defcustom dockerfile-lsp-target nil
  "The stage built with --target, treated as the final stage (nil: the last stage)."
  :type '(choice (const :tag "Last stage" nil) string))
(put 'dockerfile-lsp-target 'safe-local-variable #'string-or-null-p)

(defcustom dockerfile-lsp-build-args nil
  "The --build-arg values you build with, an alist of (NAME . VALUE).
BuildKit's checks use them, e.g. for a FROM ${BASE} whose ARG has no default."
  :type '(alist :key-type (string :tag "Name") :value-type (string :tag "Value")))
(put 'dockerfile-lsp-build-args 'safe-local-variable #'listp)

(defcustom dockerfile-lsp-context nil
  "The build context folder, relative to the project root, when it is not
the Dockerfile's folder and no Compose or Bake file names it (nil: found
from Compose or Bake, else the Dockerfile's folder)."
  :type '(choice (const :tag "Found by the server" nil) string))
(put 'dockerfile-lsp-context 'safe-local-variable #'string-or-null-p)

(defcustom dockerfile-lsp-format-keep-indent nil
  "Non-nil: formatting leaves the indentation of continuation lines as written."
  :type 'boolean)
(put 'dockerfile-lsp-format-keep-indent 'safe-local-variable #'booleanp)

(defcustom dockerfile-lsp-settings nil
  "More server settings, a plist sent as it is, e.g. for settings newer
servers read.  The options above win over the same keys here."
  :type 'plist)

(defun dockerfile-lsp--hash (alist)
  "ALIST as a hash table of strings, which eglot encodes as a JSON object."
  (let ((table (make-hash-table :test #'equal)))
    (dolist (entry alist table)
      (puthash (format "%s" (car entry)) (format "%s" (cdr entry)) table))))

(defun dockerfile-lsp-configuration ()
  "The server's configuration as a plist, JSON-encodable by eglot: every
setting the server reads (severity, target, buildArgs, format, context)."
  (let ((config (copy-sequence dockerfile-lsp-settings)))
    (setq config (plist-put config :severity (dockerfile-lsp--hash dockerfile-lsp-severity)))
    (setq config (plist-put config :buildArgs (dockerfile-lsp--hash dockerfile-lsp-build-args)))
    (setq config (plist-put config :format
                            (list :keepIndent (if dockerfile-lsp-format-keep-indent t :json-false))))
    (when (and dockerfile-lsp-target (not (string-empty-p dockerfile-lsp-target)))
      (setq config (plist-put config :target dockerfile-lsp-target)))
    (when (and dockerfile-lsp-context (not (string-empty-p dockerfile-lsp-context)))
      (setq config (plist-put config :context dockerfile-lsp-context)))
    config))

(defun dockerfile-lsp--initialization-options (_server)
  (dockerfile-lsp-configuration))

(defun dockerfile-lsp-contact (&optional interactive)
  "Eglot contact for dockerfile-lsp.  INTERACTIVE is ignored."
  (ignore interactive)
  (let ((program (executable-find dockerfile-lsp-program)))
    (unless program
      (user-error "dockerfile-lsp: %S not found in exec-path; download it from %s and put it on PATH (check: dockerfile-lsp --version), or with Go 1.26.8 or newer run `%s', or set `dockerfile-lsp-program'"
                  dockerfile-lsp-program
                  "https://github.com/dockerfile-lsp/dockerfile-lsp/releases"
                  "go install github.com/dockerfile-lsp/dockerfile-lsp/cmd/dockerfile-lsp@latest"))
    `(,program ,@dockerfile-lsp-args
               :initializationOptions dockerfile-lsp--initialization-options)))

(defconst dockerfile-lsp-file-regexp
  "\\(?:\\`\\|/\\)\\(?:\\(?:Docker\\|Container\\)file\\(?:\\.[^/]*\\)?\\|[^/]+\\.\\(?:docker\\|container\\)file\\)\\'"
  "File names of Dockerfiles.
Dockerfile, Dockerfile.*, *.dockerfile, Containerfile, Containerfile.*.")

;;;###autoload
(defun dockerfile-lsp-setup ()
  "Register dockerfile-lsp with eglot, and Dockerfile names in `auto-mode-alist'."
  (with-eval-after-load 'eglot
    (defvar eglot-server-programs)
    (add-to-list 'eglot-server-programs
                 '((dockerfile-mode dockerfile-ts-mode) . dockerfile-lsp-contact)))
  (if (fboundp 'dockerfile-mode)
      (add-to-list 'auto-mode-alist (cons dockerfile-lsp-file-regexp 'dockerfile-mode))
    ;; Without a major mode eglot has nothing to attach to: say so rather than do nothing.
    (display-warning 'dockerfile-lsp
                     "dockerfile-mode is not installed, so Dockerfiles get no server: M-x package-install RET dockerfile-mode (or apt-get install elpa-dockerfile-mode); Emacs 29+ can use dockerfile-ts-mode instead"
                     :warning)))

(defun dockerfile-lsp--stages ()
  "Named stages of the current buffer: ((NAME . LINE) ...)."
  (save-excursion
    (save-restriction
      (widen)
      (goto-char (point-min))
      (let (stages)
        (while (re-search-forward
                "^[ \t]*FROM[ \t]+\\(?:--[^ \t\n]+[ \t]+\\)*[^ \t\n]+[ \t]+AS[ \t]+\\([^ \t\n]+\\)" nil t)
          (push (cons (match-string-no-properties 1) (line-number-at-pos)) stages))
        (nreverse stages)))))

;;;###autoload
(defun dockerfile-lsp-build-stage (stage)
  "Run `docker build --target STAGE' for the current Dockerfile.
The output goes to a compilation buffer."
  (interactive
   (let ((names (mapcar #'car (dockerfile-lsp--stages))))
     (unless names (user-error "No named stages (FROM image AS name) in this buffer"))
     (list (completing-read "Build stage: " names nil t nil nil
                            (or (car (member dockerfile-lsp-target names)) (car (last names)))))))
  (let* ((file (or buffer-file-name (user-error "The buffer has no file")))
         (default-directory (file-name-directory file)))
    (when (buffer-modified-p) (save-buffer))
    (compile (format "docker build --target %s -f %s ."
                     (shell-quote-argument stage)
                     (shell-quote-argument (file-name-nondirectory file))))))

(dockerfile-lsp-setup)

(provide 'dockerfile-lsp)
;;; dockerfile-lsp.el ends here
