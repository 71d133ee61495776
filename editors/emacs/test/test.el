;;; test.el --- Batch test of dockerfile-lsp.el with eglot against the real server  -*- lexical-binding: t; -*-
;;
;;   DOCKERFILE_LSP=/path/to/dockerfile-lsp DOCKERFILE=/tmp/x/Dockerfile \
;;     emacs -Q --batch -l editors/emacs/test/test.el
;; (editors/emacs/test/run.sh does this on a scratch copy of editors/testdata/Dockerfile.)
;;
;; Checks: eglot connects in dockerfile-mode, flymake shows the UnusedStage diagnostic from
;; dockerfile-lsp, completion after `COPY --from=' offers the stage names, and the
;; "Remove unused stage" code action applies.  Exits non-zero on any failure.

;;; Code:

(require 'cl-lib)
(require 'subr-x)

(defvar dockerfile-lsp-test-timeout
  (/ (string-to-number (or (getenv "LSP_TIMEOUT_MS") "20000")) 1000.0))

(defun dockerfile-lsp-test--out (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n")))

(defun dockerfile-lsp-test--fail (fmt &rest args)
  (dockerfile-lsp-test--out "FAIL: %s" (apply #'format fmt args))
  (dolist (b (buffer-list))
    (when (string-match-p "EGLOT.*events\\|stderr" (buffer-name b))
      (with-current-buffer b
        (dockerfile-lsp-test--out "---- %s (tail)\n%s" (buffer-name b)
                                  (buffer-substring-no-properties
                                   (max (point-min) (- (point-max) 4000)) (point-max))))))
  (kill-emacs 1))

(defun dockerfile-lsp-test--wait (pred)
  "Process events until PRED is non-nil or the timeout passes; return PRED's value."
  (let ((deadline (+ (float-time) dockerfile-lsp-test-timeout))
        value)
    (while (and (not (setq value (funcall pred)))
                (< (float-time) deadline))
      (accept-process-output nil 0.05)
      ;; flymake and eglot work from timers; batch Emacs runs them here.
      (run-hooks 'post-command-hook))
    value))

(defun dockerfile-lsp-test--unused-diags ()
  (cl-remove-if-not
   (lambda (d)
     (let* ((lsp (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d)))))
       (or (equal (plist-get lsp :code) "UnusedStage")
           (string-match-p "UnusedStage" (flymake-diagnostic-text d)))))
   (flymake-diagnostics)))

(defun dockerfile-lsp-test--main ()
  (let ((server (getenv "DOCKERFILE_LSP"))
        (file (getenv "DOCKERFILE"))
        (here (file-name-directory (or load-file-name buffer-file-name))))
    (unless (and server (file-executable-p server))
      (dockerfile-lsp-test--fail "DOCKERFILE_LSP is not an executable: %S" server))
    (unless (and file (file-readable-p file))
      (dockerfile-lsp-test--fail "DOCKERFILE is not readable: %S" file))

    ;; Debian's elpa packages (eglot, dockerfile-mode) in -Q --batch.
    (require 'package)
    (add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
    (package-initialize)
    (require 'eglot)
    (require 'dockerfile-mode)
    (add-to-list 'load-path (expand-file-name ".." here))
    (require 'dockerfile-lsp)

    (dockerfile-lsp-test--out "emacs %s, eglot %s, server %s" emacs-version
                              (file-name-nondirectory
                               (directory-file-name (file-name-directory (locate-library "eglot"))))
                              server)
    (setq dockerfile-lsp-program server
          dockerfile-lsp-args '("--log-level" "debug")
          ;; UnusedStage is a hint by default for a named stage; the setting makes it a warning.
          dockerfile-lsp-severity '(("UnusedStage" . "warning") ("UnknownStage" . "error"))
          eglot-sync-connect t
          eglot-autoshutdown nil)
    (add-hook 'dockerfile-mode-hook #'eglot-ensure)

    ;; The names users expect open in dockerfile-mode.
    (dolist (name '("Dockerfile" "Dockerfile.dev" "app.dockerfile" "Containerfile" "Containerfile.ci"))
      (let ((mode (assoc-default (concat "/src/" name) auto-mode-alist #'string-match)))
        (unless (eq mode 'dockerfile-mode)
          (dockerfile-lsp-test--fail "%s opens in %S, want dockerfile-mode" name mode))))
    (dolist (name '("README.md" "Dockerfile-notes.txt" "main.go"))
      (when (eq (assoc-default (concat "/src/" name) auto-mode-alist #'string-match) 'dockerfile-mode)
        (dockerfile-lsp-test--fail "%s should not open in dockerfile-mode" name)))
    (dockerfile-lsp-test--out "ok   auto-mode-alist: Dockerfile, Dockerfile.*, *.dockerfile, Containerfile, Containerfile.*")

    (find-file file)
    (unless (eq major-mode 'dockerfile-mode)
      (dockerfile-lsp-test--fail "major mode is %s, want dockerfile-mode" major-mode))
    ;; eglot-ensure connects from post-command-hook.
    (run-hooks 'post-command-hook)
    (let ((server (dockerfile-lsp-test--wait #'eglot-current-server)))
      (unless server
        (dockerfile-lsp-test--fail "eglot did not connect within %ss" dockerfile-lsp-test-timeout))
      (dockerfile-lsp-test--out "ok   eglot connected: %s" (eglot--project-nickname server)))

    ;; 1. Diagnostics through flymake.
    (unless (dockerfile-lsp-test--wait #'dockerfile-lsp-test--unused-diags)
      (dockerfile-lsp-test--fail "no UnusedStage diagnostic; flymake has: %S"
                                 (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))
    (let* ((d (car (dockerfile-lsp-test--unused-diags)))
           (line (save-excursion (goto-char (flymake-diagnostic-beg d))
                                 (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
           (lsp (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d)))))
      (dockerfile-lsp-test--out "ok   diagnostic line %d (%s): %s [source %s, code %s] on %S"
                                (line-number-at-pos (flymake-diagnostic-beg d))
                                (flymake-diagnostic-type d) (flymake-diagnostic-text d)
                                (plist-get lsp :source) (plist-get lsp :code) line)
      (unless (eq (flymake-diagnostic-type d) 'eglot-warning)
        (dockerfile-lsp-test--fail "UnusedStage is %S, want eglot-warning (from dockerfile-lsp-severity)"
                                   (flymake-diagnostic-type d)))
      (unless (string-match-p "AS unused" line)
        (dockerfile-lsp-test--fail "UnusedStage is not on the \"AS unused\" line: %S" line))
      (unless (equal (plist-get lsp :source) "dockerfile-lsp")
        (dockerfile-lsp-test--fail "diagnostic source is %S" (plist-get lsp :source)))

      ;; 2. Completion after COPY --from= in the final stage.
      (goto-char (point-max))
      (unless (bolp) (insert "\n"))
      (insert "COPY --from=")
      (let* ((capf (eglot-completion-at-point))
             (table (nth 2 capf))
             (labels nil))
        (unless capf (dockerfile-lsp-test--fail "eglot-completion-at-point returned nil"))
        (dockerfile-lsp-test--wait
         (lambda ()
           (setq labels (all-completions "" table))
           (member "build" labels)))
        (unless (member "build" labels)
          (dockerfile-lsp-test--fail "completion after COPY --from= lacks \"build\": %S" labels))
        (dockerfile-lsp-test--out "ok   completion after \"COPY --from=\": %s"
                                  (string-join labels ", ")))
      ;; Undo the completion line.
      (delete-region (line-beginning-position) (point-max))

      ;; 3. Code action on the diagnostic: "Remove unused stage".
      (let* ((d (dockerfile-lsp-test--wait
                 (lambda () (car (dockerfile-lsp-test--unused-diags)))))
             (actions (eglot-code-actions (flymake-diagnostic-beg d) (flymake-diagnostic-end d)))
             (action (cl-find-if (lambda (a) (let ((case-fold-search t))
                                           (string-match-p "remove unused stage" (plist-get a :title))))
                                 actions)))
        (unless action
          (dockerfile-lsp-test--fail "no \"Remove unused stage\" action; got %S"
                                     (mapcar (lambda (a) (plist-get a :title)) actions)))
        (let ((edit (plist-get action :edit))
              (command (plist-get action :command)))
          (when edit (eglot--apply-workspace-edit edit))
          (when command
            (eglot-execute-command (eglot-current-server) (intern (plist-get command :command))
                                   (plist-get command :arguments))))
        (dockerfile-lsp-test--wait
         (lambda () (not (save-excursion (goto-char (point-min)) (search-forward "AS unused" nil t)))))
        (let ((text (buffer-substring-no-properties (point-min) (point-max))))
          (when (string-match-p "AS unused" text)
            (dockerfile-lsp-test--fail "after %S the stage is still there:\n%s" (plist-get action :title) text))
          (unless (and (string-match-p "AS build" text) (string-match-p "COPY --from=build" text))
            (dockerfile-lsp-test--fail "after %S other stages were damaged:\n%s" (plist-get action :title) text)))
        (dockerfile-lsp-test--out "ok   code action %S applied" (plist-get action :title))
        (unless (dockerfile-lsp-test--wait (lambda () (null (dockerfile-lsp-test--unused-diags))))
          (dockerfile-lsp-test--fail "UnusedStage diagnostic still there after the fix"))
        (dockerfile-lsp-test--out "ok   UnusedStage diagnostic cleared")))

    ;; 4. The other names users give Dockerfiles open in dockerfile-mode with the same server.
    (set-buffer-modified-p nil)
    (let ((first (eglot-current-server)))
      (dolist (name '("app.dockerfile" "Containerfile" "Dockerfile.dev"))
        (find-file (expand-file-name name (file-name-directory file)))
        (unless (eq major-mode 'dockerfile-mode)
          (dockerfile-lsp-test--fail "%s: major mode is %s, want dockerfile-mode" name major-mode))
        (run-hooks 'post-command-hook)
        (unless (eq (dockerfile-lsp-test--wait #'eglot-current-server) first)
          (dockerfile-lsp-test--fail "%s: eglot did not manage it with the server" name))
        (set-buffer-modified-p nil)
        (dockerfile-lsp-test--out "ok   %s: dockerfile-mode, eglot managed" name)))

    ;; Shut the server down cleanly.
    (let ((server (eglot-current-server)))
      (eglot-shutdown server nil 10)
      (unless (dockerfile-lsp-test--wait (lambda () (not (jsonrpc-running-p server))))
        (dockerfile-lsp-test--fail "server still running after shutdown")))
    (dockerfile-lsp-test--out "ok   server shut down")
    (dockerfile-lsp-test--out "PASS emacs")
    (kill-emacs 0)))

(condition-case err
    (dockerfile-lsp-test--main)
  (error (dockerfile-lsp-test--fail "error: %S" err)))

;;; test.el ends here
