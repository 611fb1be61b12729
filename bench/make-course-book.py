#!/usr/bin/env python3
"""make-course-book.py N OUTDIR — a book of N chapters as rough as a real course: about 70 KB each
(the issue's chapters of the public course) of Chinese prose with inline math, display formulas
(multi-line `aligned`, tagged, some closed arithmetic with correct values), short sections and
subsections, a few GFM tables with math in their cells, a few Python blocks and images; no `swift
run` blocks. Its densities per KB are the public course's, measured (see the constants below).
Formulas vary from chapter to chapter and section to section, as a course's do, so a cold render
typesets thousands of distinct formulas. Deterministic: the same N gives the same book."""
import math
import os
import random
import shutil
import sys

N = int(sys.argv[1])
OUT = sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE_IMAGES = os.path.join(HERE, "..", "Tests", "Fixtures", "public-course", "Images", "7")
TARGET = 70 * 1024

shutil.rmtree(OUT, ignore_errors=True)
os.makedirs(os.path.join(OUT, "Images"))
image = sorted(f for f in os.listdir(FIXTURE_IMAGES) if f.endswith((".png", ".svg", ".jpg")))[0]
shutil.copy(os.path.join(FIXTURE_IMAGES, image), os.path.join(OUT, "Images", image))

# Words of a Chinese course on neural networks: mostly Chinese, with the English terms and
# symbols such courses keep.
WORDS = ("我们 考虑 一个 分类 模型 的 输出 概率 损失 函数 梯度 参数 更新 学习率 样本 特征 向量 矩阵 神经元 "
         "网络 隐藏层 激活 反向传播 前向计算 权重 偏置 误差 训练 迭代 收敛 批量 时间步 状态 门控 卷积 "
         "正则化 过拟合 的 导数 可以 写成 因此 注意 当 时 其中 表示 第 个 和 与 在 中 了 是 为 对 "
         "softmax sigmoid tanh ReLU SGD Adam batch epoch").split()
SYMBOLS = ["w", "b", "z", "a", "x", "y", "h", "s", "\\delta", "\\theta"]

# Measured on 11 of the public course's files (bench/book-stats.py; BENCHMARKS.md, item 7): per KB,
# 5.2 formulas of 51 characters on average, a third of them displayed (most multi-line and
# tagged), 1.2 headings, 0.13 tables and 0.35 code blocks; two thirds of the prose is Chinese.
DISPLAYS_PER_SECTION = (1, 2, 2)  # one or two, two more often
INLINE_PER_PARAGRAPH = (0, 1, 1, 2)
TABLE_CHANCE = 0.14
CODE_CHANCE = 0.36


def symbol(rng):
    name = rng.choice(SYMBOLS)
    return f"{name}_{{{rng.randint(1, 9)}}}" if rng.random() < 0.6 else f"{name}^{{[{rng.randint(1, 4)}]}}"


def inline_formula(rng):
    """An inline formula of about 25 characters, varied as a course's are."""
    i, j = rng.randint(1, 9), rng.randint(1, 9)
    kind = rng.randrange(6)
    if kind == 0:
        return f"$\\frac{{\\partial L}}{{\\partial {symbol(rng)}}}$"
    if kind == 1:
        return f"${symbol(rng)} = \\sigma({symbol(rng)})$"
    if kind == 2:
        return f"$\\eta = {rng.choice([0.1, 0.05, 0.01, 0.001, 0.5])}$"
    if kind == 3:
        return f"$W^{{[{i}]}} \\in \\mathbb{{R}}^{{{i + 1} \\times {j + 1}}}$"
    if kind == 4:
        return f"$\\hat{{y}}_{{{i}}} - y_{{{i}}}$"
    return f"${symbol(rng)}$"


def display_formula(rng, tag):
    """A display formula of about 100 characters: mostly multi-line, mostly tagged."""
    k = rng.randint(1, 4)
    tagged = f" \\tag{{{tag}}}" if rng.random() < 0.72 else ""
    kind = rng.randrange(4)
    if kind == 0:
        return ("$$\n\\begin{aligned}\n"
                f"z^{{[{k}]}} &= W^{{[{k}]}} a^{{[{k - 1}]}} + b^{{[{k}]}} \\\\\n"
                f"a^{{[{k}]}} &= \\sigma(z^{{[{k}]}})\n\\end{{aligned}}{tagged}\n$$")
    if kind == 1:
        m = rng.randint(2, 64)
        return ("$$\n\\frac{\\partial L}{\\partial W^{[" + str(k) + "]}} = \\frac{1}{" + str(m)
                + "} \\sum_{i=1}^{" + str(m) + "} \\left(a_i^{[" + str(k) + "]} - y_i\\right) x_i^{T}"
                + tagged + "\n$$")
    if kind == 2:
        beta = rng.choice([0.9, 0.99, 0.999])
        return ("$$\n\\begin{aligned}\n"
                f"v_t &= {beta} \\, v_{{t-1}} + (1 - {beta}) \\, g_t \\\\\n"
                f"\\theta_t &= \\theta_{{t-1}} - \\eta \\, v_t\n\\end{{aligned}}{tagged}\n$$")
    a, b = rng.randint(2, 97), rng.randint(2, 97)
    return f"$$\n\\frac{{{a}}}{{{b}}} \\approx {a / b:.4f}, \\quad e^{{-{a / 50:.2f}}} = {math.exp(-a / 50):.4f}{tagged}\n$$"


def prose(rng, words=40):
    text = []
    for _ in range(words):
        r = rng.random()
        if r < 0.03:
            text.append(f"**{rng.choice(WORDS)}**")
        elif r < 0.08:
            text.append(str(rng.randint(1, 100)))
        else:
            text.append(rng.choice(WORDS))
    # Chinese is written without spaces; the English terms and numbers keep theirs.
    out = ""
    for word in text:
        if out and (word[0].isascii() or out[-1].isascii()):
            out += " "
        out += word
    return out + "。"


def paragraph(rng):
    parts = [prose(rng, rng.randint(18, 34))]
    for _ in range(rng.choice(INLINE_PER_PARAGRAPH)):
        parts.append(inline_formula(rng) + "，" + prose(rng, rng.randint(8, 16)))
    return "".join(parts)


def section(rng, chapter, number):
    level = "##" if number % 4 == 1 else "###"
    parts = [f"{level} {chapter}.{number} {prose(rng, 4)[:-1]}", paragraph(rng)]
    for k in range(rng.choice(DISPLAYS_PER_SECTION)):
        parts.append(display_formula(rng, f"{chapter}.{number}.{k + 1}"))
        parts.append(paragraph(rng) if k == 0 else prose(rng, 12))
    if rng.random() < TABLE_CHANCE:
        parts.append(
            "| 记号 | 含义 | 取值 |\n|---|---|---|\n"
            + "\n".join(f"| $a_{{{i}}}$ | 第 {i} 类的概率 | ${rng.uniform(0, 1):.3f}$ |" for i in range(1, 5)))
    if rng.random() < CODE_CHANCE:
        x = round(rng.uniform(0.1, 3.0), 2)
        parts.append(
            "```python\nimport numpy as np\n\n"
            f"def softmax(z):\n    e = np.exp(z - np.max(z))\n    return e / e.sum()\n\nprint(softmax(np.array([{x}, 1.0])))\n```")
    if number % 9 == 0:
        parts.append(f"![第 {chapter}.{number} 节的图](Images/{image})")
    return "\n\n".join(parts)


for chapter in range(1, N + 1):
    rng = random.Random(chapter)
    text = f"# 第 {chapter} 章\n\n" + prose(rng) + "\n\n"
    number = 1
    while len(text.encode("utf-8")) < TARGET:
        text += section(rng, chapter, number) + "\n\n"
        number += 1
    with open(os.path.join(OUT, f"ch{chapter:03d}.md"), "w", encoding="utf-8") as file:
        file.write(text)
print(f"wrote {N} chapters of about 70 KB to {OUT}")
