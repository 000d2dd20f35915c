"""The words of the demonstration data, for each stage (`selfeval.demo`).

A nursery's evaluation must not cite "tracking data for P4 and P7" nor a primary's action be
led by an "early years practitioner": each stage has evidence, measures, leads and review
notes of its own. Each list is as long for every stage, so a stage's words change what the
demo says and never which random numbers it draws (the ratings stay as they were).
"""

from __future__ import annotations

__all__ = ["completed_by", "evidence", "leads", "measures", "reviews"]

_EVIDENCE = {
    "elc": [
        "Floorbook entries and photographs of children's investigations.",
        "Observations in children's learning journals this term.",
        "Parent survey (41 responses) and the family STEM stay-and-play session.",
        "Practitioners' observations of block play and the outdoor mud kitchen.",
        "Peer visits with the cluster's early learning and childcare settings.",
        "Practitioner confidence survey in August and again in January.",
        "",
    ],
    "primary": [
        "Learning walks this term and pupil focus group notes.",
        "Floorbook entries and photographs of pupils' investigations.",
        "Parent survey (62 responses) and attendance at the family STEM evening.",
        "Tracking data for P4 and P7; moderation with the cluster.",
        "Partner feedback and pupil evaluations after the STEM week.",
        "Staff confidence survey in August and again in January.",
        "",
    ],
    "secondary": [
        "Learning walks this term and learner focus group notes.",
        "Department self-evaluation and jotter sampling in S1 to S3.",
        "Parent survey (118 responses) and attendance at the STEM careers evening.",
        "Tracking of S3 course choices and SQA results; moderation with the cluster.",
        "Partner feedback and learner evaluations after the STEM week.",
        "Staff confidence survey in August and again in January.",
        "",
    ],
    "asn": [
        "Learning walks this term and learners' own evaluations with visual supports.",
        "Floorbook entries and photographs of learners' investigations.",
        "Parent and carer survey (24 responses) and the family STEM afternoon.",
        "Reviews of individual learning plans and tracking of personal targets.",
        "Partner feedback and learner evaluations after the STEM week.",
        "Staff confidence survey in August and again in January.",
        "",
    ],
}
_LEADS = {
    "elc": [
        "STEM champion",
        "Depute manager",
        "Early years practitioner",
        "Senior early years practitioner",
        "Head of centre",
    ],
    "primary": ["STEM lead", "Depute head", "Principal teacher", "Class teacher", "Headteacher"],
    "secondary": [
        "Principal teacher of science",
        "Depute head",
        "Faculty head of technologies",
        "Class teacher",
        "Headteacher",
    ],
    "asn": ["STEM lead", "Depute head", "Principal teacher", "Class teacher", "Headteacher"],
}
_STAFF = "Staff confidence survey, August and January."
_MEASURES = {
    "elc": [
        "Observations in children's learning journals, autumn against spring.",
        "Floorbook entries and peer visit notes in March against this term's baseline.",
        "Practitioner confidence survey, August and January.",
    ],
    "primary": [
        "Share of pupils who say STEM lessons connect to jobs, from the spring survey.",
        "Learning walk notes in March against this term's baseline.",
        _STAFF,
    ],
    "secondary": [
        "Share of learners who say STEM lessons connect to jobs, from the spring survey.",
        "Learning walk notes in March against this term's baseline.",
        _STAFF,
    ],
    "asn": [
        "Progress against STEM targets in individual learning plans at the spring review.",
        "Learning walk notes in March against this term's baseline.",
        _STAFF,
    ],
}
_WHO = {"elc": ("children", "playrooms")}
"""Who notices a change, and where it starts, where not learners and classes."""


def completed_by(stage: str) -> str:
    """Who marked a finished demonstration evaluation complete."""
    return "Demo head of centre (synthetic)" if stage == "elc" else "Demo headteacher (synthetic)"


def evidence(stage: str) -> list[str]:
    """What a team of *stage* writes under "How do we know?" ("" for nothing)."""
    return _EVIDENCE.get(stage, _EVIDENCE["primary"])


def leads(stage: str) -> list[str]:
    """Who leads an action in a setting of *stage*."""
    return _LEADS.get(stage, _LEADS["primary"])


def measures(stage: str) -> list[str]:
    """How a setting of *stage* will know an action worked."""
    return _MEASURES.get(stage, _MEASURES["primary"])


def reviews(stage: str) -> dict[str, str]:
    """A review note for an action of *stage* by its status, a year on."""
    who, where = _WHO.get(stage, ("learners", "classes"))
    return {
        "done": f"Reviewed in June: in place across the setting, and {who} noticed the change.",
        "under-way": f"Reviewed in March: started in two {where}; the rest after the summer.",
        "dropped": "Reviewed in February: overtaken by the cluster's own plan, which covers it.",
    }
