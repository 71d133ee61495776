FROM elixir:1.16
ENV MIX_ENV=prod
WORKDIR /app
RUN mix local.hex --force && mix local.rebar --force
COPY mix.exs mix.lock ./
RUN mix deps.get --only prod
COPY . .
RUN mix release
CMD ["/app/_build/prod/rel/shop/bin/shop", "start"]
