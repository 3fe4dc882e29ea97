# One image recipe for every ZoningHub service: docker build --build-arg PROJECT=ZoningHub.Hub -f infra/docker/service.Dockerfile .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
WORKDIR /src
# What the build context holds is decided by /.dockerignore (no bin/, obj/, data/ or credentials).
COPY . .
RUN test -n "${PROJECT}" || { echo "build with --build-arg PROJECT=<a folder under services/>" >&2; exit 1; }
RUN dotnet publish services/${PROJECT}/${PROJECT}.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG PROJECT
WORKDIR /app
COPY --from=build /app .
# The service is started without a shell: dash (sh) drops environment variables whose names are not shell names,
# and the adapters' settings are such names (Adapters__natural-resources__InboxDirectory). An exec-form
# ENTRYPOINT cannot expand a build ARG, so the project's apphost gets a fixed name here; the apphost resolves
# the link and runs <PROJECT>.dll beside it, with the environment untouched.
RUN ln -s "${PROJECT}" /app/service && test -x /app/service
# Every folder docker-compose.yml mounts for writing, owned by the user the service runs as: an empty named
# volume takes the ownership of the image folder it is mounted on, so /data comes up writable for app and not
# root-owned. /inbox is a bind mount in docker-compose.yml; the host folder needs the same owner (infra/README.md).
RUN mkdir -p /data /inbox && chown app:app /data /inbox
USER app
ENTRYPOINT ["/app/service"]
