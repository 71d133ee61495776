# path: .github/actions/docs-lint/Dockerfile
# A GitHub container action runs as root by GitHub's rules.
FROM python:3.12-slim
COPY lint.py /lint.py
ENTRYPOINT ["python", "/lint.py"]
