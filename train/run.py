"""Fine-tune a token classifier on the corpus, top to bottom (in the spirit of ``run_ner.py``).

1. settings → 2. output directory check (resume, refuse or overwrite) → 3. data →
4. tokenizer and model → 5. sub-word windows → 6. Trainer with early stopping on dev F1 →
7. save the best model as safetensors with its tokenizer → 8. dev/test scores into the model card.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

from closure_extractor.data.dataset import build_dataset
from closure_extractor.model.card import add_card_section, data_version, write_model_card
from closure_extractor.model.hardware import resolve_precision
from closure_extractor.model.labels import label_maps
from closure_extractor.model.loading import (
    check_model_dir,
    load_token_classifier,
    load_tokenizer,
    looks_like_path,
    weights_sha256,
)
from closure_extractor.model.tagger import TokenTagger
from closure_extractor.train.config import TrainConfig
from closure_extractor.train.evaluate_words import evaluate_split
from closure_extractor.train.features import encode_split
from closure_extractor.train.metrics import trainer_metrics

CONFIG_FILE = "run_config.json"


class RunError(RuntimeError):
    """A problem with the user's settings or files, reported without a traceback."""


def prepare_output(config: TrainConfig, overwrite: bool) -> Path | None:
    """Create the output directory; return the checkpoint to resume from, if any."""
    out = Path(config.out)
    saved = out / CONFIG_FILE
    if out.exists() and overwrite:
        shutil.rmtree(out)
    elif saved.is_file():
        if TrainConfig.read(saved).identity() != config.identity():
            raise RunError(f"{out} holds a different training run; pass --overwrite to replace it")
    elif out.exists() and any(out.iterdir()):
        raise RunError(f"{out} is not empty and holds no run of ours; pass --overwrite to replace it")
    out.mkdir(parents=True, exist_ok=True)
    saved.write_text(config.to_json(), encoding="utf-8")
    return last_checkpoint(out / "checkpoints")


def last_checkpoint(folder: Path) -> Path | None:
    from transformers.trainer_utils import get_last_checkpoint

    return Path(found) if folder.is_dir() and (found := get_last_checkpoint(str(folder))) else None


def training_arguments(config: TrainConfig, out: Path):
    from transformers import TrainingArguments

    return TrainingArguments(
        output_dir=str(out / "checkpoints"),
        num_train_epochs=config.epochs,
        max_steps=config.max_steps,
        learning_rate=config.learning_rate,
        per_device_train_batch_size=config.batch_size,
        per_device_eval_batch_size=config.batch_size * 2,
        weight_decay=config.weight_decay,
        warmup_steps=config.warmup_ratio,
        lr_scheduler_type="linear",
        eval_strategy="epoch",
        save_strategy="epoch",
        save_total_limit=2,
        load_best_model_at_end=config.select_best,
        metric_for_best_model="f1",
        greater_is_better=True,
        train_sampling_strategy="group_by_length",
        bf16=resolve_precision(config.precision) == "bf16",
        use_cpu=True,
        seed=config.seed,
        data_seed=config.seed,
        logging_strategy="epoch",
        report_to="none",
        disable_tqdm=False,
    )


def train(config: TrainConfig, overwrite: bool = False) -> dict:
    """Run one fine-tuning; returns the dev/test entity reports written into the model card."""
    from transformers import DataCollatorForTokenClassification, EarlyStoppingCallback, Trainer, set_seed

    started = time.time()
    if looks_like_path(config.base_model):
        check_model_dir(Path(config.base_model).expanduser())
    dataset = build_dataset(config.data)
    tags = dataset["train"].features["tags"].feature.names
    id2label, _ = label_maps([t[2:] for t in tags[1::2]])
    if len(dataset["train"]) == 0 or len(dataset["dev"]) == 0:
        raise RunError("the data needs sentences in both the train and the dev split")
    resume = prepare_output(config, overwrite)
    out = Path(config.out)
    set_seed(config.seed)

    tokenizer = load_tokenizer(config.base_model)
    model = load_token_classifier(config.base_model, id2label)
    train_set = encode_split(dataset["train"], tokenizer, config.max_length, config.overlap)
    dev_set = encode_split(dataset["dev"], tokenizer, config.max_length, config.overlap)

    trainer = Trainer(
        model=model,
        args=training_arguments(config, out),
        train_dataset=train_set.remove_columns("doc_id"),
        eval_dataset=dev_set.remove_columns(["doc_id", "length"]),
        data_collator=DataCollatorForTokenClassification(tokenizer),
        processing_class=tokenizer,
        compute_metrics=trainer_metrics(id2label),
        callbacks=[EarlyStoppingCallback(early_stopping_patience=config.patience)] if config.select_best else [],
    )
    trainer.train(resume_from_checkpoint=str(resume) if resume else None)
    trainer.model.save_pretrained(str(out))  # safetensors only; no pickled training_args.bin beside it
    tokenizer.save_pretrained(str(out))

    tagger = TokenTagger(trainer.model, tokenizer, max_length=config.max_length * 2)
    scores = {split: evaluate_split(tagger, dataset[split]) for split in ("dev", "test") if len(dataset[split])}
    info = {
        "base_model": config.base_model,
        "data": ", ".join(config.data),
        "data_version": data_version([Path(p) for p in config.data]),
        "sentences (train/dev/test)": "/".join(str(len(dataset[s])) for s in ("train", "dev", "test")),
        "epochs (max) / trained": f"{config.epochs} / {trainer.state.epoch:.1f}",
        "best checkpoint": Path(trainer.state.best_model_checkpoint or "").name,
        "learning_rate": config.learning_rate,
        "batch_size": config.batch_size,
        "max_length / overlap": f"{config.max_length} / {config.overlap}",
        "precision": config.precision,
        "seed": config.seed,
        "date": dt.date.today().isoformat(),
        "training minutes": round((time.time() - started) / 60, 1),
        "weights_sha256": weights_sha256(out),
    }
    write_model_card(out, info, scores)
    learn_decisions(out, config.data)  # before calibration, which maps the confidence they shape
    calibrate_confidence(out, config.data)
    return scores


def learn_decisions(out: Path, data: list[str]) -> None:
    """Fit the learned date roles (``train/date_roles.py``), official check
    (``train/official_roles.py``) and headcount check (``train/count_check.py``), then the learned
    event check (``train/event_filter.py``) on events assembled with them, all from the corpus's
    gold events. Each is used by the model only
    where it beats the rules on dev and in cross-validation; each report goes into the model card."""
    from closure_extractor.train import count_check, date_roles, event_filter, official_roles

    for title, fit_and_report in (
        ("Learned date roles (oracle entities)", date_roles.fit_and_report),
        ("Learned official check (oracle entities)", official_roles.fit_and_report),
        ("Learned headcount check (oracle entities)", count_check.fit_and_report),
        ("Learned event check (oracle entities)", event_filter.fit_and_report),
    ):
        _learn(out, data, title, fit_and_report)


def _learn(out: Path, data: list[str], title: str, fit_and_report) -> None:
    from closure_extractor.data.dataset import corpus_files
    from closure_extractor.data.schema import load_corpus

    try:
        documents = load_corpus(corpus_files(data))
    except (ValueError, OSError, KeyError, TypeError):
        documents = []
    train = [d for d in documents if d.split == "train" and d.events]
    dev = [d for d in documents if d.split == "dev"]
    if not train or not any(d.events for d in dev):
        print(f"{title}: not fitted, the corpus has no closure events in train and dev")
        return
    try:
        report = fit_and_report([d for d in documents if d.split == "train"], dev, out)
    except ValueError as exc:
        print(f"{title}: not fitted, {exc}")
        return
    print(report)
    add_card_section(out, title, report)


def calibrate_confidence(out: Path, data: list[str]) -> None:
    """Fit event confidence on the dev split's closure events (``calibration.json``).

    Corpora without events (NERGrit) or a dev split too small to hold both right and wrong
    events leave the model uncalibrated, saying so: the raw confidence is then kept.
    """
    from closure_extractor.data.dataset import corpus_files
    from closure_extractor.data.schema import load_corpus
    from closure_extractor.extract.api import Extractor
    from closure_extractor.extract.evaluate import calibrate

    try:
        documents = [d for d in load_corpus(corpus_files(data)) if d.split == "dev"]
    except (ValueError, OSError, KeyError, TypeError):
        documents = []
    if not any(d.events for d in documents):
        print("confidence not calibrated: the dev split holds no closure events")
        return
    try:
        print("\n".join(calibrate(documents, Extractor.from_pretrained(out), out, "dev split")))
    except ValueError as exc:
        print(f"confidence not calibrated: {exc}")
