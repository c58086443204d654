# conform in a container, for plugin authors who do not want a Go
# toolchain. Three images from one file:
#
#   docker build -t conform .                   alpine and the static binary
#   docker build --target node -t conform:node .      node:20-slim and conform
#   docker build --target python -t conform:python .  python:3.11-slim and conform
#
# Run it on a plugin folder mounted at /plugin (the working directory):
#
#   docker run --rm -v "$PWD/myplugin:/plugin" conform run .
#
# The build context holds no .git (.dockerignore), so `conform version`
# in these images says devel; build from a release binary for a versioned
# image.

ARG GO_VERSION=1.26

# build: one static binary, built as scripts/release builds it
FROM golang:${GO_VERSION}-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags '-s -w' -o /out/conform ./cmd/conform \
 && /out/conform version

# node: for testees and plugins written in JavaScript
FROM node:20-slim AS node
COPY --from=build /out/conform /usr/local/bin/conform
WORKDIR /plugin
ENTRYPOINT ["conform"]
CMD ["run", "."]

# python: for testees and plugins written in Python
FROM python:3.11-slim AS python
COPY --from=build /out/conform /usr/local/bin/conform
WORKDIR /plugin
ENTRYPOINT ["conform"]
CMD ["run", "."]

# the default: a small base with a POSIX sh, which the shell-scripted
# scenarios need, and the binary; for plugins that are static binaries
FROM alpine:3.20 AS static
COPY --from=build /out/conform /usr/local/bin/conform
WORKDIR /plugin
ENTRYPOINT ["conform"]
CMD ["run", "."]
