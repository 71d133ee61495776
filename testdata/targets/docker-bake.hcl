group "default" {
  targets = ["debug", "api-check"]
}

target "debug" {
  context = "."
  target  = "debug"
}

target "api-check" {
  context    = "api"
  dockerfile = "Dockerfile.api"
  target     = "check"
}
