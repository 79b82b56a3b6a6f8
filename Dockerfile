# Quote attribution service: CPU-only torch, Stanza models baked in, non-root, python -m service.
#
#   python -m service.download_models models        # or: cp -r ../shared/stanza_resources models
#   docker build --build-arg MODEL_DIR=models -t quote-attribution .
#   docker run --rm -p 8000:8000 quote-attribution
#
# MODEL_DIR is a Stanza resources directory inside the build context (default: models/).

FROM python:3.11.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH
RUN python -m venv /opt/venv
WORKDIR /src
COPY pyproject.toml constraints.txt README.md ./
COPY service ./service
# torch is named first, in the same pip step as the project, so pip takes the CPU-only wheel.
RUN pip install --no-cache-dir -c constraints.txt \
        --extra-index-url https://download.pytorch.org/whl/cpu "torch==2.13.0+cpu" . \
    && find /opt/venv -name __pycache__ -prune -exec rm -rf {} +
ARG MODEL_DIR=models
COPY ${MODEL_DIR} /models
# Fail the build, not the deployment, when the model directory is unusable.
RUN python -c "from service.engine import check_model_dir; check_model_dir('/models')"

FROM python:3.11.11-slim-bookworm
RUN useradd --system --no-create-home --uid 10001 --user-group app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /models /models
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOME=/tmp \
    STANZA_RESOURCES_DIR=/models \
    PORT=8000
USER 10001:10001
WORKDIR /tmp
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=15s --start-period=60s --retries=3 \
    CMD ["python", "-m", "service.healthcheck"]
ENTRYPOINT ["python", "-m", "service"]
